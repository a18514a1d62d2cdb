import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * The outbox: every outgoing message is a row, written in the same transaction as the change
 * that caused it, and sent once (dedupe_key makes a second enqueue a no-op). message_links
 * remembers which task a sent message was about, so that a reply to it is read as an answer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', p.id)
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('chat_id', p.telegramId, (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('cycle_id', 'integer', (c) => c.references('cycles.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('telegram_message_id', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'id']).execute();

  await db.schema
    .createTable('message_links')
    .addColumn('chat_id', p.telegramId, (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('message_links_pk', ['chat_id', 'message_id'])
    .execute();

  await db.schema.alterTable('check_ins').addColumn('via', 'text', (c) => c.notNull().defaultTo('command')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('check_ins').dropColumn('via').execute();
  await db.schema.dropTable('message_links').execute();
  await db.schema.dropTable('outbox').execute();
}
