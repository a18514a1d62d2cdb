import type { Db } from '../db/database.ts';
import type { Digest, PreviousDigest } from '../domain/digest.ts';
import type { Cycle } from './cycles.ts';

/** Keeps what a cycle's digest said, so that next week's can show the change. */
export async function saveDigestSnapshot(db: Db, cycleId: number, digest: Digest, now: Date): Promise<void> {
  const values = { counts: JSON.stringify(digest.counts), units: JSON.stringify(digest.units.map((unit) => unit.unit)), createdAt: now.toISOString() };
  await db.insertInto('digestSnapshots').values({ cycleId, ...values }).onConflict((oc) => oc.column('cycleId').doUpdateSet(values)).execute();
}

/** The digest of the latest cycle before this one, if there was one. */
export async function previousDigest(db: Db, cycle: Cycle): Promise<PreviousDigest | null> {
  const row = await db
    .selectFrom('digestSnapshots')
    .innerJoin('cycles', 'cycles.id', 'digestSnapshots.cycleId')
    .select(['digestSnapshots.counts', 'digestSnapshots.units'])
    .where('cycles.startsAt', '<', cycle.startsAt)
    .orderBy('cycles.startsAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { counts: JSON.parse(row.counts) as PreviousDigest['counts'], unitRanking: JSON.parse(row.units) as string[] } : null;
}

/** Leaders in charge who can be written to: id → private chat. */
export async function leaderChats(db: Db, leaderIds: readonly number[]): Promise<Map<number, number>> {
  if (leaderIds.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'telegramUserId']).where('id', 'in', leaderIds).where('telegramUserId', 'is not', null).execute();
  return new Map(rows.map((row) => [row.id, row.telegramUserId!]));
}

/**
 * A fingerprint of what a digest reads: it changes when an answer is recorded or amended, a task
 * is imported, changed or closed out, or a milestone is added, re-planned, marked or undone. The digest is built outside its
 * transaction and queued only if this is the same inside it.
 */
export async function digestInputsVersion(db: Db): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('meta').select('value').where('key', '=', 'digestInputChanges').as('changes'),
      eb.selectFrom('tasks').select((c) => c.fn.max('updatedAt').as('v')).as('tasks'),
      eb.selectFrom('tasks').select((c) => c.fn.countAll().as('v')).as('taskCount'),
      eb.selectFrom('milestones').select((c) => c.fn.max('id').as('v')).as('milestones'),
    ])
    .executeTakeFirstOrThrow();
  return JSON.stringify(row);
}
