import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * Records an update as handled, in the transaction that handles it; false if it was handled
 * before (Telegram delivers an update again until it is confirmed). Whoever writes in a private
 * chat can be reached again, if they had blocked the bot before.
 */
export async function claimUpdate(db: Db, updateId: number, now: Date, privateChatId?: number): Promise<boolean> {
  // Asked for every update, so by the database's fast path.
  const { rows, insertedId } = dialectOf(db);
  const claimed = (await insertedId(db, sql`insert into processed_updates (update_id, processed_at) values (${updateId}, ${now.toISOString()}) on conflict (update_id) do nothing`, 'update_id')) !== undefined;
  if (claimed && privateChatId !== undefined) await rows(db, sql`delete from unreachable_chats where chat_id = ${privateChatId}`);
  return claimed;
}

/** Forgets handled updates older than `before`: Telegram keeps undelivered updates for a day. */
export async function forgetProcessedUpdates(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('processedUpdates').where('processedAt', '<', before.toISOString()).execute();
}
