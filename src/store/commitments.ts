import type { Db } from '../db/database.ts';

export type CommitmentField = 'due' | 'target' | 'milestones' | 'withdrawn';

/** A task's milestones as a commitment lists them: `DATE description`, a line each, by date. */
export async function milestoneLines(db: Db, taskId: number): Promise<string> {
  const rows = await db.selectFrom('milestones').select(['dueDate', 'description']).where('taskId', '=', taskId).orderBy('dueDate').orderBy('id').execute();
  return rows.map((m) => `${m.dueDate} ${m.description}`).join('\n');
}

/**
 * Freezes a public task's commitment the first time it is published (立此存照); later calls do
 * nothing, so the original stays as it was.
 */
export async function freezeCommitment(db: Db, task: { id: number; target: string | null; dueDate: string | null }, now: Date): Promise<void> {
  await db
    .insertInto('publicCommitments')
    .values({ taskId: task.id, publishedAt: now.toISOString(), target: task.target, dueDate: task.dueDate, milestones: await milestoneLines(db, task.id) })
    .onConflict((oc) => oc.column('taskId').doNothing())
    .execute();
}

export interface CommitmentChange {
  field: CommitmentField;
  before: string | null;
  after: string | null;
}

/**
 * Records the changes to a published commitment beside the original (those whose value moved);
 * a task never published records none. Whether it was published: one question for all of them.
 */
export async function recordCommitmentChanges(db: Db, taskId: number, changes: readonly CommitmentChange[], now: Date): Promise<boolean> {
  const published = await db.selectFrom('publicCommitments').select('taskId').where('taskId', '=', taskId).executeTakeFirst();
  if (!published) return false;
  const moved = changes.filter((change) => change.before !== change.after);
  if (moved.length > 0) await db.insertInto('commitmentChanges').values(moved.map((change) => ({ taskId, at: now.toISOString(), ...change }))).execute();
  return true;
}
