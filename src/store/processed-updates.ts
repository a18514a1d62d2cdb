import type { Db } from '../db/database.ts';

/**
 * Records an update as handled, in the transaction that handles it; false if it was handled
 * before (Telegram delivers an update again until it is confirmed). Whoever writes in a private
 * chat can be reached again, if they had blocked the bot before.
 */
export async function claimUpdate(db: Db, updateId: number, now: Date, privateChatId?: number): Promise<boolean> {
  const claimed = await db.insertInto('processedUpdates').values({ updateId, processedAt: now.toISOString() }).onConflict((oc) => oc.column('updateId').doNothing()).executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
  if (privateChatId !== undefined) await db.deleteFrom('unreachableChats').where('chatId', '=', privateChatId).execute();
  return true;
}

/** Forgets handled updates older than `before`: Telegram keeps undelivered updates for a day. */
export async function forgetProcessedUpdates(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('processedUpdates').where('processedAt', '<', before.toISOString()).execute();
}
