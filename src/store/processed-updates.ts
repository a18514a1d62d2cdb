import type { Db } from '../db/database.ts';

/** Records an update as handled; false if it was handled before (Telegram may deliver it again). */
export async function claimUpdate(db: Db, updateId: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('processedUpdates')
    .values({ updateId, processedAt: now.toISOString() })
    .onConflict((oc) => oc.column('updateId').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Forgets handled updates older than `before`: Telegram keeps undelivered updates for a day. */
export async function forgetProcessedUpdates(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('processedUpdates').where('processedAt', '<', before.toISOString()).execute();
}
