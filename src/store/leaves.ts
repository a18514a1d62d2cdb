import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/** A leave in force: whose, until when, and who stands in (null: nobody). */
export interface Leave {
  id: number;
  personId: number;
  person: string;
  fromDay: CalendarDate;
  toDay: CalendarDate;
  deputyId: number | null;
  deputy: string | null;
  deputyChat: number | null;
}

const leaves = (db: Db) =>
  db
    .selectFrom('leaves as l')
    .innerJoin('people as p', 'p.id', 'l.personId')
    .leftJoin('people as d', 'd.id', 'l.deputyId')
    .select(['l.id', 'l.personId', 'p.name as person', 'l.fromDay', 'l.toDay', 'l.deputyId', 'd.name as deputy', 'd.telegramUserId as deputyChat']);

const asLeave = (row: object) => row as Leave;

export async function recordLeave(db: Db, leave: { personId: number; fromDay: CalendarDate; toDay: CalendarDate; deputyId: number | null; createdBy: string; now: Date }): Promise<number> {
  const { id } = await db
    .insertInto('leaves')
    .values({ personId: leave.personId, fromDay: leave.fromDay, toDay: leave.toDay, deputyId: leave.deputyId, createdBy: leave.createdBy, createdAt: leave.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function leaveById(db: Db, id: number): Promise<Leave | undefined> {
  const row = await leaves(db).where('l.id', '=', id).executeTakeFirst();
  return row && asLeave(row);
}

export async function setDeputy(db: Db, leaveId: number, deputyId: number | null): Promise<void> {
  await db.updateTable('leaves').set({ deputyId }).where('id', '=', leaveId).execute();
}

/** Who is away at some time between two days, by person; the latest leave recorded wins. */
export async function leavesBetween(db: Db, from: CalendarDate, to: CalendarDate): Promise<Map<number, Leave>> {
  const rows = await leaves(db).where('l.fromDay', '<=', to).where('l.toDay', '>=', from).orderBy('l.id').execute();
  return new Map(rows.map((row) => [row.personId, asLeave(row)]));
}

/** The people `deputyId` stands in for on a day. */
export async function standingInFor(db: Db, deputyId: number, day: CalendarDate): Promise<Set<number>> {
  const rows = await db.selectFrom('leaves').select('personId').where('deputyId', '=', deputyId).where('fromDay', '<=', day).where('toDay', '>=', day).execute();
  return new Set(rows.map((row) => row.personId));
}

/** A person's linked colleagues in their unit: whom the bot offers as a deputy. */
export async function linkedColleagues(db: Db, personId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('people as me')
    .innerJoin('people as other', 'other.unitId', 'me.unitId')
    .select(['other.id', 'other.name'])
    .where('me.id', '=', personId)
    .where('other.id', '!=', personId)
    .where('other.telegramUserId', 'is not', null)
    .orderBy('other.name')
    .execute();
}

/** Linked people by name, in the person's unit first: a deputy named in `/leave`. */
export async function linkedPeopleNamed(db: Db, name: string, unitOf: number): Promise<{ id: number; name: string; unit: string; sameUnit: boolean }[]> {
  const unit = await db.selectFrom('people').select('unitId').where('id', '=', unitOf).executeTakeFirst();
  const rows = await db
    .selectFrom('people')
    .innerJoin('units', 'units.id', 'people.unitId')
    .select(['people.id', 'people.name', 'units.name as unit', 'people.unitId'])
    .where('people.name', '=', name)
    .where('people.telegramUserId', 'is not', null)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, unit: row.unit, sameUnit: row.unitId === unit?.unitId }));
}

/** The leaders in charge of a person's open tasks, with their chats: who is told who stands in. */
export async function leadersOfOwner(db: Db, personId: number): Promise<{ leaderId: number; chatId: number | null }[]> {
  return db
    .selectFrom('tasks')
    .innerJoin('people as leaders', 'leaders.id', 'tasks.leaderId')
    .select(['tasks.leaderId', 'leaders.telegramUserId as chatId'])
    .distinct()
    .where('tasks.ownerId', '=', personId)
    .where('tasks.status', '=', 'open')
    .execute();
}
