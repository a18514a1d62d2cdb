import type { Db } from '../db/database.ts';
import { resolveAnswer, type AnswerChange, type AnswerProblem, type RecordedAnswer } from '../domain/answer-rules.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';
import { answeringCycle } from './cycles.ts';

export interface TaskRef {
  id: number;
  code: string;
  title: string;
  ownerId: number;
  status: 'open' | 'done';
}

const taskRefs = (db: Db) => db.selectFrom('tasks').select(['id', 'code', 'title', 'ownerId', 'status']);

export async function taskById(db: Db, id: number): Promise<TaskRef | undefined> {
  return taskRefs(db).where('id', '=', id).executeTakeFirst();
}

/** A task by its code, in any case (`zx-01` finds `ZX-01`). */
export async function taskByCode(db: Db, code: string): Promise<TaskRef | undefined> {
  return taskRefs(db).where('code', '=', code.normalize('NFKC').trim()).executeTakeFirst();
}

export interface AnswerDetails extends AnswerChange {
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
  evidence: readonly string[];
  via: 'button' | 'reply' | 'command';
}

export type AnswerOutcome = { ok: true; answer: RecordedAnswer; checkInId: number } | { ok: false; problem: AnswerProblem };

function recorded(task: TaskRef, row: { percent: number; blocked: number; late: number; note: string | null; problems: string | null; nextSteps: string | null; evidence: string }): RecordedAnswer {
  return {
    code: task.code, title: task.title, percent: row.percent, blocked: row.blocked === 1, late: row.late === 1,
    note: row.note, problems: row.problems, nextSteps: row.nextSteps, evidenceCount: (JSON.parse(row.evidence) as string[]).length,
  };
}

/**
 * Records a check-in for the cycle that takes answers now; late once that cycle has closed.
 * A new answer in the same cycle is a correction: the last counts, the earlier stay as history.
 */
export async function recordAnswer(db: Db, personId: number, task: TaskRef, details: AnswerDetails, now: Date, week: CycleWeek): Promise<AnswerOutcome> {
  return db.transaction().execute(async (trx): Promise<AnswerOutcome> => {
    const previous = await trx.selectFrom('checkIns').select(['percent']).where('taskId', '=', task.id).orderBy('reportedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const resolved = resolveAnswer({ isOwner: task.ownerId === personId, isOpen: task.status === 'open', change: details, previous: previous ?? null });
    if (!resolved.ok) return resolved;
    const cycle = await answeringCycle(trx, week);
    const row = {
      taskId: task.id, cycleId: cycle.id, personId, percent: resolved.percent, blocked: resolved.blocked ? 1 : 0,
      note: details.note, problems: details.problems, nextSteps: details.nextSteps, evidence: JSON.stringify(details.evidence),
      late: cycle.closedAt !== null ? 1 : 0, reportedAt: now.toISOString(), via: details.via,
    };
    const { id } = await trx.insertInto('checkIns').values(row).returning('id').executeTakeFirstOrThrow();
    return { ok: true, answer: recorded(task, row), checkInId: id };
  });
}

/**
 * Adds a note or evidence to the person's latest answer on the task in the answering cycle:
 * the second half of a button answer. Undefined when there is no such answer.
 */
export async function addToLatestAnswer(
  db: Db,
  personId: number,
  task: TaskRef,
  addition: { note?: string | null; problems?: string | null; nextSteps?: string | null; evidence?: readonly string[] },
  week: CycleWeek,
): Promise<RecordedAnswer | undefined> {
  return db.transaction().execute(async (trx) => {
    const cycle = await answeringCycle(trx, week);
    const latest = await trx.selectFrom('checkIns').selectAll().where('taskId', '=', task.id).where('personId', '=', personId).where('cycleId', '=', cycle.id).orderBy('reportedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!latest) return undefined;
    const join = (before: string | null, added: string | null | undefined) => [before, added].filter(Boolean).join('\n') || null;
    const updated = {
      ...latest,
      note: join(latest.note, addition.note),
      problems: join(latest.problems, addition.problems),
      nextSteps: join(latest.nextSteps, addition.nextSteps),
      evidence: JSON.stringify([...(JSON.parse(latest.evidence) as string[]), ...(addition.evidence ?? [])]),
    };
    await trx.updateTable('checkIns').set({ note: updated.note, problems: updated.problems, nextSteps: updated.nextSteps, evidence: updated.evidence }).where('id', '=', latest.id).execute();
    return recorded(task, updated);
  });
}

/** The task of the person's latest button answer this cycle that still has no note: where a plain text goes. */
export async function taskAwaitingNote(db: Db, personId: number, week: CycleWeek, since: Date): Promise<number | undefined> {
  const cycle = await answeringCycle(db, week);
  const row = await db
    .selectFrom('checkIns')
    .select(['taskId', 'note', 'via'])
    .where('personId', '=', personId)
    .where('cycleId', '=', cycle.id)
    .where('reportedAt', '>=', since.toISOString())
    .orderBy('reportedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && row.via === 'button' && row.note === null ? row.taskId : undefined;
}
