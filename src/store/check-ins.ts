import { connectionOf, type Db } from '../db/database.ts';
import { resolveAnswer, type AnswerChange, type AnswerProblem, type RecordedAnswer } from '../domain/answer-rules.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';
import { answeringCycle, answeringCycleNow } from './cycles.ts';
import { enqueueMessageNow, type OutgoingMessage } from './outbox.ts';

export interface TaskRef {
  id: number;
  code: string;
  title: string;
  ownerId: number;
  status: 'open' | 'done';
}

// Asked for every answer, so prepared statements.
const TASK_REF = 'select id, code, title, owner_id as ownerId, status from tasks';

export async function taskById(db: Db, id: number): Promise<TaskRef | undefined> {
  return connectionOf(db).prepare(`${TASK_REF} where id = ?`).get(id) as TaskRef | undefined;
}

/** A task by its code, in any case (`zx-01` finds `ZX-01`). */
export async function taskByCode(db: Db, code: string): Promise<TaskRef | undefined> {
  return connectionOf(db).prepare(`${TASK_REF} where code = ?`).get(code.normalize('NFKC').trim()) as TaskRef | undefined;
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
 * `acknowledge` words the reply, which is queued in the same transaction as the answer.
 */
export async function recordAnswer(
  db: Db, personId: number, task: TaskRef, details: AnswerDetails, now: Date, week: CycleWeek,
  acknowledge: (answer: RecordedAnswer) => OutgoingMessage,
): Promise<AnswerOutcome> {
  const connection = connectionOf(db);
  return connection.writes((): AnswerOutcome => {
    const previous = connection.prepare('select c.percent from tasks t join check_ins c on c.id = t.latest_check_in_id where t.id = ?').get(task.id) as { percent: number } | undefined;
    const resolved = resolveAnswer({ isOwner: task.ownerId === personId, isOpen: task.status === 'open', change: details, previous: previous ?? null });
    if (!resolved.ok) return resolved;
    const cycle = answeringCycleNow(connection, week);
    const row = {
      taskId: task.id, cycleId: cycle.id, personId, percent: resolved.percent, blocked: resolved.blocked ? 1 : 0,
      note: details.note, problems: details.problems, nextSteps: details.nextSteps, evidence: JSON.stringify(details.evidence),
      late: cycle.closedAt !== null ? 1 : 0, reportedAt: now.toISOString(), via: details.via,
    };
    const { lastInsertRowid } = connection
      .prepare(
        `insert into check_ins (task_id, cycle_id, person_id, percent, blocked, note, problems, next_steps, evidence, late, reported_at, via)
         values (:taskId, :cycleId, :personId, :percent, :blocked, :note, :problems, :nextSteps, :evidence, :late, :reportedAt, :via)`,
      )
      .run(row);
    connection
      .prepare(
        `update tasks set latest_check_in_id = :id where id = :taskId and (latest_check_in_id is null
           or (select reported_at, id from check_ins where id = tasks.latest_check_in_id) < (:reportedAt, :id))`,
      )
      .run({ id: lastInsertRowid, taskId: task.id, reportedAt: row.reportedAt });
    const answer = recorded(task, row);
    enqueueMessageNow(connection, acknowledge(answer), now);
    return { ok: true, answer, checkInId: Number(lastInsertRowid) };
  });
}

/**
 * Adds a note or evidence to the person's latest answer on the task in the answering cycle:
 * the second half of a button answer. Undefined when there is no such answer; else the
 * acknowledgement is queued in the same transaction.
 */
export async function addToLatestAnswer(
  db: Db,
  personId: number,
  task: TaskRef,
  addition: { note?: string | null; problems?: string | null; nextSteps?: string | null; evidence?: readonly string[] },
  now: Date,
  week: CycleWeek,
  acknowledge: (answer: RecordedAnswer) => OutgoingMessage,
): Promise<RecordedAnswer | undefined> {
  const connection = connectionOf(db);
  return connection.writes(() => {
    const cycle = answeringCycleNow(connection, week);
    const latest = connection
      .prepare(
        `select id, percent, blocked, late, note, problems, next_steps as nextSteps, evidence from check_ins
         where task_id = ? and person_id = ? and cycle_id = ? order by reported_at desc, id desc limit 1`,
      )
      .get(task.id, personId, cycle.id) as { id: number; percent: number; blocked: number; late: number; note: string | null; problems: string | null; nextSteps: string | null; evidence: string } | undefined;
    if (!latest) return undefined;
    const join = (before: string | null, added: string | null | undefined) => [before, added].filter(Boolean).join('\n') || null;
    const updated = {
      ...latest,
      note: join(latest.note, addition.note),
      problems: join(latest.problems, addition.problems),
      nextSteps: join(latest.nextSteps, addition.nextSteps),
      evidence: JSON.stringify([...(JSON.parse(latest.evidence) as string[]), ...(addition.evidence ?? [])]),
    };
    connection.prepare('update check_ins set note = :note, problems = :problems, next_steps = :nextSteps, evidence = :evidence where id = :id').run(updated);
    const answer = recorded(task, updated);
    enqueueMessageNow(connection, acknowledge(answer), now);
    return answer;
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
