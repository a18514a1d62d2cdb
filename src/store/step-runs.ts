import type { Db } from '../db/database.ts';

export type StepName = 'prompt' | 'remind' | 'digest' | 'backup' | 'assessRemind';

/**
 * Claims a scheduled step's slot (the cron occurrence it stands for), in the caller's
 * transaction: true for the one run that gets it, false for any other, in this process or
 * another one sharing the database.
 */
export async function claimStepRun(db: Db, step: StepName, slot: Date, by: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('stepRuns')
    .values({ step, slot: slot.toISOString(), ranAt: now.toISOString(), by })
    .onConflict((oc) => oc.columns(['step', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
