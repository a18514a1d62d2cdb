import { sql, type Kysely } from 'kysely';

/**
 * The index over every message by status goes: each message queued (every answer's
 * acknowledgement among them) wrote it beside the index of the unclaimed, and each one sent moved
 * its entry. What a sender reads of its own claims gets an index over the claimed pending ones
 * only. A message now enters one index when queued, moves to the other when claimed and leaves it
 * when sent. (One index over both, by `claimed_by`, would not do: PostgreSQL does not read an
 * index in order past `is null`, and sorted every unclaimed message at each claim.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema.createIndex('outbox_claimed').on('outbox').columns(['claimed_by', 'priority desc', 'id']).where(sql.ref('status'), '=', 'pending').where(sql.ref('claimed_by'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_claimed').execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'priority desc', 'id']).execute();
}
