import type { Kysely } from 'kysely';

/**
 * Every reply goes through the outbox now, including the ones a reply to which means something
 * (the evidence of a close-out, why one goes back): the row says what its sent message is for.
 * A check-in remembers the message it came from, so that editing that message corrects it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('link_purpose', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('link_ref_id', 'integer').execute();
  await db.schema.alterTable('check_ins').addColumn('source_chat_id', 'integer').execute();
  await db.schema.alterTable('check_ins').addColumn('source_message_id', 'integer').execute();
  await db.schema.createIndex('check_ins_source').on('check_ins').columns(['source_chat_id', 'source_message_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('check_ins_source').execute();
  for (const column of ['source_message_id', 'source_chat_id']) await db.schema.alterTable('check_ins').dropColumn(column).execute();
  for (const column of ['link_ref_id', 'link_purpose']) await db.schema.alterTable('outbox').dropColumn(column).execute();
}
