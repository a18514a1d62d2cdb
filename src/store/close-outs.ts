import type { Db } from '../db/database.ts';
import { noteDigestInputChange } from './digest-inputs.ts';

export interface CloseOutView {
  id: number;
  taskId: number;
  requestedBy: number;
  evidence: string[];
  note: string | null;
  requestedAt: string;
  decision: 'confirmed' | 'returned' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

const toView = (row: Omit<CloseOutView, 'evidence'> & { evidence: string }): CloseOutView => ({ ...row, evidence: JSON.parse(row.evidence) as string[] });

/** A request to close a task out, with its evidence; it waits for the leader's decision. */
export async function requestCloseOut(db: Db, input: { taskId: number; personId: number; evidence: readonly string[]; note: string | null; now: Date }): Promise<number> {
  const { id } = await db
    .insertInto('closeOuts')
    .values({ taskId: input.taskId, requestedBy: input.personId, evidence: JSON.stringify(input.evidence), note: input.note, requestedAt: input.now.toISOString(), decision: null, decidedBy: null, decidedAt: null, reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function closeOutById(db: Db, id: number): Promise<CloseOutView | undefined> {
  const row = await db.selectFrom('closeOuts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toView(row);
}

export async function latestCloseOut(db: Db, taskId: number): Promise<CloseOutView | undefined> {
  const row = await db.selectFrom('closeOuts').selectAll().where('taskId', '=', taskId).orderBy('requestedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toView(row);
}

/**
 * The leader's decision, once, in the caller's transaction: confirmed closes the task (done ✅,
 * out of the weekly prompts); returned leaves it open, with the reason. False if it was decided
 * already.
 */
export async function decideCloseOut(db: Db, id: number, decision: { outcome: 'confirmed' | 'returned'; by: string; reason: string | null; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('closeOuts')
    .set({ decision: decision.outcome, decidedBy: decision.by, decidedAt: decision.now.toISOString(), reason: decision.reason })
    .where('id', '=', id)
    .where('decision', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  if (decision.outcome === 'confirmed') {
    const closeOut = await db.selectFrom('closeOuts').select('taskId').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('tasks').set({ status: 'done', closedAt: decision.now.toISOString(), updatedAt: decision.now.toISOString() }).where('id', '=', closeOut.taskId).execute();
    // A closed-out task's light is done: the digest and the board read that.
    await noteDigestInputChange(db);
  }
  return true;
}
