import type { Db } from '../db/database.ts';
import type { UnitType } from '../domain/unit-type.ts';

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

/** A unit found by its name as users type it (any case or width), with its type. */
export async function unitByName(db: Db, name: string): Promise<{ id: number; name: string; unitType: UnitType | null } | undefined> {
  const wanted = name.normalize('NFKC').trim().toUpperCase();
  const units = await db.selectFrom('units').select(['id', 'name', 'unitType']).where('kind', '=', 'unit').execute();
  return units.find((unit) => unit.name.normalize('NFKC').toUpperCase() === wanted);
}

export async function setUnitType(db: Db, unitId: number, unitType: UnitType | null): Promise<void> {
  await db.updateTable('units').set({ unitType }).where('id', '=', unitId).execute();
}

/** The units of a type, by name: a round's targets. */
export async function unitsOfType(db: Db, unitType: UnitType): Promise<{ unitId: number; unit: string }[]> {
  return db.selectFrom('units').select(['id as unitId', 'name as unit']).where('unitType', '=', unitType).where('kind', '=', 'unit').orderBy('name').execute();
}

