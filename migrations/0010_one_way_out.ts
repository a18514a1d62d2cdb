import type { Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Every reply goes through the outbox now, including the ones a reply to which means something
 * (the evidence of a close-out, why one goes back): the row says what its sent message is for.
 * A check-in remembers the message it came from, so that editing that message corrects it. An edit
 * is rare and is looked up through the person's own tasks: no index, which every answer would pay for.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema.alterTable('outbox').addColumn('link_purpose', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('link_ref_id', 'integer').execute();
  await db.schema.alterTable('check_ins').addColumn('source_chat_id', p.telegramId).execute();
  await db.schema.alterTable('check_ins').addColumn('source_message_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['source_message_id', 'source_chat_id']) await db.schema.alterTable('check_ins').dropColumn(column).execute();
  for (const column of ['link_ref_id', 'link_purpose']) await db.schema.alterTable('outbox').dropColumn(column).execute();
}
