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

/** Records a change to a published commitment beside the original; a task never published records none. */
export async function recordCommitmentChange(db: Db, taskId: number, change: { field: CommitmentField; before: string | null; after: string | null }, now: Date): Promise<void> {
  if (change.before === change.after) return;
  const published = await db.selectFrom('publicCommitments').select('taskId').where('taskId', '=', taskId).executeTakeFirst();
  if (!published) return;
  await db.insertInto('commitmentChanges').values({ taskId, at: now.toISOString(), ...change }).execute();
}
