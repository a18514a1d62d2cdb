import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { firstRow } from '../db/dialect.ts';

export type Role = 'owner' | 'leader';

/** A person as the bot and the command line show them: name, unit, and role. */
export interface PersonCard {
  id: number;
  name: string;
  unit: string;
  role: Role;
  telegramUserId: number | null;
}

/** The person named so in that unit, created if new: name and unit together are the identity. */
export async function findOrCreatePerson(db: Db, name: string, unitId: number, now: Date): Promise<{ id: number; created: boolean }> {
  const existing = await db.selectFrom('people').select('id').where('name', '=', name).where('unitId', '=', unitId).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const { id } = await db.insertInto('people').values({ name, unitId, createdAt: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return { id, created: true };
}

function personCards(db: Db) {
  return db
    .selectFrom('people')
    .innerJoin('units', 'units.id', 'people.unitId')
    .select(['people.id', 'people.name', 'units.name as unit', 'units.kind', 'people.telegramUserId']);
}

type PersonRow = { id: number; name: string; unit: string; kind: 'unit' | 'leadership'; telegramUserId: number | null };
const toCard = ({ kind, ...row }: PersonRow): PersonCard => ({ ...row, role: kind === 'leadership' ? 'leader' : 'owner' });

/** Who sent an update: asked for every update, so by the database's fast path. */
export async function personByTelegramId(db: Db, telegramUserId: number): Promise<PersonCard | undefined> {
  const row = await firstRow(
    db,
    sql<PersonRow>`select p.id, p.name, u.name as unit, u.kind, p.telegram_user_id as "telegramUserId" from people p join units u on u.id = p.unit_id where p.telegram_user_id = ${telegramUserId}`,
  );
  return row && toCard(row);
}

export async function personById(db: Db, id: number): Promise<PersonCard | undefined> {
  const row = await personCards(db).where('people.id', '=', id).executeTakeFirst();
  return row && toCard(row);
}

/** Everyone, leaders first, then by unit and name: the order of an invite list. */
export async function allPeople(db: Db): Promise<PersonCard[]> {
  const rows = await personCards(db).orderBy('units.kind', 'desc').orderBy('units.name').orderBy('people.name').execute();
  return rows.map(toCard);
}

/** Linked people and everyone, by unit: the units furthest from all linked first, then by name. */
export async function unitsLinked(db: Db): Promise<{ unit: string; linked: number; total: number }[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('units', 'units.id', 'people.unitId')
    .select(['units.name as unit', (eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('people.telegramUserId').as('linked')])
    .groupBy('units.name')
    .execute();
  return rows
    .map((row) => ({ unit: row.unit, linked: Number(row.linked), total: Number(row.total) }))
    .sort((a, b) => a.linked / a.total - b.linked / b.total || a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
}

/** The linked people of some units, with the chat to tell them in. */
export async function linkedPeopleOfUnits(db: Db, unitIds: readonly number[]): Promise<{ id: number; unitId: number; unit: string; chatId: number }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .innerJoin('units', 'units.id', 'people.unitId')
    .select(['people.id', 'people.unitId', 'units.name as unit', 'people.telegramUserId'])
    .where('people.unitId', 'in', unitIds)
    .where('people.telegramUserId', 'is not', null)
    .execute();
  return rows.map((row) => ({ id: row.id, unitId: row.unitId, unit: row.unit, chatId: row.telegramUserId! }));
}
