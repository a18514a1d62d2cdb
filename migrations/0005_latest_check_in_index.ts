import type { Kysely } from 'kysely';

/** Finds a task's latest check-in with one index seek, which keeps the digest fast at 100,000 tasks. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('check_ins_task_latest').on('check_ins').columns(['task_id', 'reported_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('check_ins_task_latest').execute();
}
