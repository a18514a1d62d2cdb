import type { Kysely } from 'kysely';

/**
 * Replies to what a person just wrote go through the outbox too, and ahead of bulk messages: an
 * answer given during Monday's fan-out is acknowledged at once, not after two thousand prompts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'priority desc', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'id']).execute();
  await db.schema.alterTable('outbox').dropColumn('priority').execute();
}
