import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * What leaders act on: instructions (批示) and their acknowledgement, close-out requests (销号)
 * and the decision on them, a snapshot of each digest (for the change since last week), files
 * attached to outgoing messages (the digest's chart and table), and what a sent message asks
 * for, so that a reply to it is read rightly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('instructions')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('people.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_chat_id', p.telegramId, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .execute();
  await db.schema.createIndex('instructions_task').on('instructions').columns(['task_id', 'created_at']).execute();

  await db.schema
    .createTable('close_outs')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('confirmed', 'returned')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('close_outs_task').on('close_outs').column('task_id').execute();

  await db.schema
    .createTable('digest_snapshots')
    .addColumn('cycle_id', 'integer', (c) => c.primaryKey().references('cycles.id'))
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('outbox').addColumn('attachment', p.bytes).execute();
  await db.schema.alterTable('outbox').addColumn('attachment_name', 'text').execute();
  await db.schema.alterTable('message_links').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('task')).execute();
  await db.schema.alterTable('message_links').addColumn('ref_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('message_links').dropColumn('ref_id').execute();
  await db.schema.alterTable('message_links').dropColumn('purpose').execute();
  await db.schema.alterTable('outbox').dropColumn('attachment_name').execute();
  await db.schema.alterTable('outbox').dropColumn('attachment').execute();
  await db.schema.dropTable('digest_snapshots').execute();
  await db.schema.dropTable('close_outs').execute();
  await db.schema.dropTable('instructions').execute();
}
