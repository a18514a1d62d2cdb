import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * 立此存照: what a public task committed to — its target, due date and milestones — frozen the
 * first time it is published, and every later change beside it with when it changed, so that the
 * board shows the original and never replaces it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('public_commitments')
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('due_date', 'text')
    .addColumn('milestones', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('commitment_changes')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull().check(sql`field in ('due', 'target', 'milestones', 'withdrawn')`))
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('commitment_changes_task').on('commitment_changes').columns(['task_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commitment_changes').execute();
  await db.schema.dropTable('public_commitments').execute();
}
