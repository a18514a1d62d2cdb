import type { Kysely } from 'kysely';

/**
 * Drops the index that found a task's latest check-in by time: tasks point at it now (0007), and
 * every answer paid for the index with one more page written at a random place.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('check_ins_task_latest').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('check_ins_task_latest').on('check_ins').columns(['task_id', 'reported_at', 'id']).execute();
}
