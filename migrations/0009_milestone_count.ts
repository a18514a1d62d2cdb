import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Each task counts its milestones, kept by triggers whoever writes them. A task's expected
 * progress needs the count, so the digest needs every task's: seeking it in the milestones, task
 * by task, was an eighth of a digest of 100,000 tasks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('milestone_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update tasks set milestone_count = (select count(*) from milestones where milestones.task_id = tasks.id)`.execute(db);
  // 0011 drops the column and these triggers again; on PostgreSQL, which came later, they were never made.
  if (portableSchema(db).postgres) return;
  await sql`
    create trigger milestones_counted_in after insert on milestones begin
      update tasks set milestone_count = milestone_count + 1 where id = new.task_id;
    end`.execute(db);
  await sql`
    create trigger milestones_counted_out after delete on milestones begin
      update tasks set milestone_count = milestone_count - 1 where id = old.task_id;
    end`.execute(db);
  await sql`
    create trigger milestones_counted_moved after update of task_id on milestones begin
      update tasks set milestone_count = milestone_count - 1 where id = old.task_id;
      update tasks set milestone_count = milestone_count + 1 where id = new.task_id;
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['milestones_counted_in', 'milestones_counted_out', 'milestones_counted_moved']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('milestone_count').execute();
}
