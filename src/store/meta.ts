import type { Db } from '../db/database.ts';

/** Small facts the process learns at run time, e.g. the bot's username for deep links. */
export type MetaKey = 'botUsername' | 'digestInputChanges';

export async function readMeta(db: Db, key: MetaKey): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: Db, key: MetaKey, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
