import type { Db } from '../db/database.ts';
import type { UnitType } from '../domain/unit-type.ts';

/** A round as the flows read it: its criteria parsed. */
export interface AssessmentRound {
  id: number;
  name: string;
  raterType: UnitType;
  targetType: UnitType;
  criteria: string[];
  openedAt: string;
  closesOn: string | null;
  closedAt: string | null;
}

/** A round's name as it is compared: in any case, width and spacing. */
export const roundNameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const columns = ['id', 'name', 'raterType', 'targetType', 'criteria', 'openedAt', 'closesOn', 'closedAt'] as const;
type RoundRow = Omit<AssessmentRound, 'criteria'> & { criteria: string };
const toRound = (row: RoundRow): AssessmentRound => ({ ...row, criteria: JSON.parse(row.criteria) as string[] });

export async function createRound(db: Db, round: Omit<AssessmentRound, 'id' | 'closedAt'> & { openedBy: string }): Promise<AssessmentRound> {
  const { id } = await db
    .insertInto('assessmentRounds')
    .values({ ...round, nameKey: roundNameKey(round.name), criteria: JSON.stringify(round.criteria) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...round, id, closedAt: null };
}

export async function roundByName(db: Db, name: string): Promise<AssessmentRound | undefined> {
  const row = await db.selectFrom('assessmentRounds').select(columns).where('nameKey', '=', roundNameKey(name)).executeTakeFirst();
  return row && toRound(row);
}

export async function roundById(db: Db, id: number): Promise<AssessmentRound | undefined> {
  const row = await db.selectFrom('assessmentRounds').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toRound(row);
}

/** Every round's name, for "did you mean". */
export async function roundNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('assessmentRounds').select('name').orderBy('id').execute()).map((row) => row.name);
}

export async function openRounds(db: Db): Promise<AssessmentRound[]> {
  return (await db.selectFrom('assessmentRounds').select(columns).where('closedAt', 'is', null).orderBy('id').execute()).map(toRound);
}

/** Open rounds whose last day is before `today`: due to close. */
export async function roundsPastTheirDate(db: Db, today: string): Promise<AssessmentRound[]> {
  return (await db.selectFrom('assessmentRounds').select(columns).where('closedAt', 'is', null).where('closesOn', '<', today).orderBy('id').execute()).map(toRound);
}

/** Closes the round; false if it was closed already (by another process, or a second command). */
export async function markRoundClosed(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('assessmentRounds').set({ closedAt: now.toISOString() }).where('id', '=', id).where('closedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closed rounds, oldest first. */
export async function closedRounds(db: Db): Promise<AssessmentRound[]> {
  return (await db.selectFrom('assessmentRounds').select(columns).where('closedAt', 'is not', null).orderBy('closedAt').orderBy('id').execute()).map(toRound);
}
