import type { Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * What delivery needs to survive faults and restarts: when a failed message may be tried again,
 * which chats have blocked the bot, which updates were handled, and which scheduled steps ran.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();

  await db.schema
    .createTable('unreachable_chats')
    .addColumn('chat_id', p.telegramId, (c) => c.primaryKey())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('processed_updates')
    .addColumn('update_id', p.telegramId, (c) => c.primaryKey())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('step_runs')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('step_runs_pk', ['step', 'slot'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('step_runs').execute();
  await db.schema.dropTable('processed_updates').execute();
  await db.schema.dropTable('unreachable_chats').execute();
  await db.schema.alterTable('outbox').dropColumn('next_attempt_at').execute();
}
