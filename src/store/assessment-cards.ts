import type { Db } from '../db/database.ts';
import { isFinished, type ScoreCard } from '../domain/assessment-results.ts';

/** A card to send: to whom, and for which target. */
export interface NewCard {
  personId: number;
  raterUnitId: number;
  targetUnitId: number;
}

/** A card as scoring reads it: its round, its rater, its target, what has been given so far. */
export interface StoredCard {
  id: number;
  roundId: number;
  personId: number;
  raterUnitId: number;
  targetUnitId: number;
  target: string;
  scores: (number | null)[];
  comment: string | null;
}

/** A card's scores as stored: JSON, a score or null per criterion. */
const scoresOf = (json: string) => JSON.parse(json) as (number | null)[];

const storedCards = (db: Db) =>
  db
    .selectFrom('assessmentCards')
    .innerJoin('units', 'units.id', 'assessmentCards.targetUnitId')
    .select(['assessmentCards.id', 'roundId', 'personId', 'raterUnitId', 'targetUnitId', 'units.name as target', 'scores', 'comment']);

/** Writes a round's cards, each with no score yet; returns their ids in the order given. */
export async function createCards(db: Db, roundId: number, cards: readonly NewCard[], criteria: number): Promise<number[]> {
  const ids: number[] = [];
  const empty = JSON.stringify(Array.from({ length: criteria }, () => null));
  for (let from = 0; from < cards.length; from += 200) {
    const rows = await db
      .insertInto('assessmentCards')
      .values(cards.slice(from, from + 200).map((card) => ({ roundId, ...card, scores: empty })))
      .returning('id')
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

export async function cardById(db: Db, id: number): Promise<StoredCard | undefined> {
  const row = await storedCards(db).where('assessmentCards.id', '=', id).executeTakeFirst();
  return row && { ...row, scores: scoresOf(row.scores) };
}

/** A person's cards in a round, by target name. */
export async function cardsOfRater(db: Db, roundId: number, personId: number): Promise<StoredCard[]> {
  const rows = await storedCards(db).where('roundId', '=', roundId).where('personId', '=', personId).orderBy('units.name').execute();
  return rows.map((row) => ({ ...row, scores: scoresOf(row.scores) }));
}

export async function saveCard(db: Db, id: number, scores: readonly (number | null)[], comment: string | null, now: Date): Promise<void> {
  await db.updateTable('assessmentCards').set({ scores: JSON.stringify(scores), comment, scoredAt: now.toISOString() }).where('id', '=', id).execute();
}

/** Every card of a round, as the results read them: no one's name. */
export async function scoreCardsOfRound(db: Db, roundId: number): Promise<ScoreCard[]> {
  const rows = await db.selectFrom('assessmentCards').select(['raterUnitId', 'targetUnitId', 'scores', 'comment']).where('roundId', '=', roundId).execute();
  return rows.map((row) => ({ ...row, scores: scoresOf(row.scores) }));
}

/** The raters of a round with cards still missing a score, and how many: whom a reminder goes to. */
export async function unfinishedRaters(db: Db, roundId: number): Promise<{ personId: number; chatId: number; left: number; total: number }[]> {
  const rows = await db
    .selectFrom('assessmentCards')
    .innerJoin('people', 'people.id', 'assessmentCards.personId')
    .select(['assessmentCards.personId', 'people.telegramUserId as chatId', 'assessmentCards.scores'])
    .where('roundId', '=', roundId)
    .where('people.telegramUserId', 'is not', null)
    .orderBy('assessmentCards.personId')
    .execute();
  const byPerson = new Map<number, { personId: number; chatId: number; left: number; total: number }>();
  for (const row of rows) {
    const entry = byPerson.get(row.personId) ?? { personId: row.personId, chatId: row.chatId!, left: 0, total: 0 };
    entry.total += 1;
    if (!isFinished(scoresOf(row.scores))) entry.left += 1;
    byPerson.set(row.personId, entry);
  }
  return [...byPerson.values()].filter((entry) => entry.left > 0);
}

/** A unit's part in a round as a rater: its cards, and how many are finished. */
export async function raterUnitProgress(db: Db, roundId: number, unitId: number): Promise<{ cards: number; finished: number }> {
  const rows = await db.selectFrom('assessmentCards').select('scores').where('roundId', '=', roundId).where('raterUnitId', '=', unitId).execute();
  return { cards: rows.length, finished: rows.filter((row) => isFinished(scoresOf(row.scores))).length };
}

/** The targets of a round, as its cards name them, by name. */
export async function targetsOfRound(db: Db, roundId: number): Promise<{ unitId: number; unit: string }[]> {
  return db
    .selectFrom('assessmentCards')
    .innerJoin('units', 'units.id', 'assessmentCards.targetUnitId')
    .select(['units.id as unitId', 'units.name as unit'])
    .distinct()
    .where('roundId', '=', roundId)
    .orderBy('units.name')
    .execute();
}

/** Whether a unit is scored in a round. */
export async function isTargetOf(db: Db, roundId: number, unitId: number): Promise<boolean> {
  return (await db.selectFrom('assessmentCards').select('id').where('roundId', '=', roundId).where('targetUnitId', '=', unitId).limit(1).executeTakeFirst()) !== undefined;
}
