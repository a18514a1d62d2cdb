import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Milestones get done (DESIGN.md "Status rules"): a milestone carries its share of the task
 * (the expected-progress curve goes through it) and who marked it done; every mark and undo is
 * kept, with its reason and evidence, and with the milestone's date and words as they were, so
 * that the history reads true after a re-import changes the plan.
 *
 * The curve needs every milestone of every task, so the digest reads them all and the count
 * kept by 0009's triggers has no reader left: the triggers and the column go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema.alterTable('milestones').addColumn('share', p.real).execute();
  await db.schema.alterTable('milestones').addColumn('done_by', 'integer', (c) => c.references('people.id')).execute();
  // The day in TIMEZONE it was done: what lights, lateness and the table read (done_at is the instant).
  await db.schema.alterTable('milestones').addColumn('done_on', 'text').execute();
  await db.schema
    .createTable('milestone_marks')
    .addColumn('id', 'integer', p.id)
    .addColumn('milestone_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('done', 'undone')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('milestone_marks_task').on('milestone_marks').columns(['task_id', 'at']).execute();

  if (!p.postgres) for (const trigger of ['milestones_counted_in', 'milestones_counted_out', 'milestones_counted_moved']) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('milestone_count').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('milestone_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropTable('milestone_marks').execute();
  await db.schema.alterTable('milestones').dropColumn('done_on').execute();
  await db.schema.alterTable('milestones').dropColumn('done_by').execute();
  await db.schema.alterTable('milestones').dropColumn('share').execute();
}
