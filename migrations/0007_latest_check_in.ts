import { sql, type Kysely } from 'kysely';

/**
 * Each task points at its latest check-in (by reported_at, then id), set by the one writer of
 * check-ins as it writes: the digest then reads a task's latest answer by primary key instead of
 * seeking it among 52 weeks of history, which made its time grow faster than the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('latest_check_in_id', 'integer').execute();
  await sql`
    update tasks set latest_check_in_id = (
      select id from check_ins where check_ins.task_id = tasks.id order by reported_at desc, id desc limit 1
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('latest_check_in_id').execute();
}
