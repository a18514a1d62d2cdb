import type { Db } from '../db/database.ts';

/** The unit's id, creating it if new; `created` says which. */
export async function findOrCreateUnit(db: Db, name: string, now: Date, kind: 'unit' | 'leadership' = 'unit'): Promise<{ id: number; created: boolean }> {
  const existing = await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const { id } = await db.insertInto('units').values({ name, kind, createdAt: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return { id, created: true };
}

/** The leadership group (领导班子) that leaders in charge belong to, created on first use. */
export async function leadershipUnit(db: Db, nameIfNew: string, now: Date): Promise<{ id: number; created: boolean }> {
  const existing = await db.selectFrom('units').select('id').where('kind', '=', 'leadership').executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  return findOrCreateUnit(db, nameIfNew, now, 'leadership');
}
