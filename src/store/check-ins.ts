import { connectionOf, type Db } from '../db/database.ts';
import type { RecordedAnswer } from '../domain/answer-rules.ts';
import type { Cycle } from './cycles.ts';
import { noteDigestInputChange } from './digest-inputs.ts';

/** A task as an answer needs it: who answers for it, who leads it, whether it is still open. */
export interface TaskRef {
  id: number;
  code: string;
  title: string;
  ownerId: number;
  leaderId: number;
  status: 'open' | 'done';
}

// Asked for every answer, so prepared statements.
const TASK_REF = 'select id, code, title, owner_id as ownerId, leader_id as leaderId, status from tasks';

export async function taskById(db: Db, id: number): Promise<TaskRef | undefined> {
  return connectionOf(db).prepare(`${TASK_REF} where id = ?`).get(id) as TaskRef | undefined;
}

/** A task by its code, in any case (`zx-01` finds `ZX-01`). */
export async function taskByCode(db: Db, code: string): Promise<TaskRef | undefined> {
  return connectionOf(db).prepare(`${TASK_REF} where code = ?`).get(code.normalize('NFKC').trim()) as TaskRef | undefined;
}

/** The percent of the task's latest answer, if it has one: what "no change" and "blocked" keep. */
export async function latestPercent(db: Db, taskId: number): Promise<{ percent: number } | undefined> {
  return connectionOf(db).prepare('select c.percent from tasks t join check_ins c on c.id = t.latest_check_in_id where t.id = ?').get(taskId) as { percent: number } | undefined;
}

/** A check-in as written: the answer's content and where it came from. */
export interface CheckInRow {
  taskId: number;
  cycleId: number;
  personId: number;
  percent: number;
  blocked: number;
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
  /** JSON array of Telegram file ids. */
  evidence: string;
  late: number;
  reportedAt: string;
  via: 'button' | 'reply' | 'command';
  sourceChatId: number | null;
  sourceMessageId: number | null;
}

/**
 * Writes a check-in and makes it the task's latest if it is (by reported_at, then id): the one
 * writer of check-ins, so that the pointer the digest reads by always follows that rule.
 */
export async function insertCheckIn(db: Db, row: CheckInRow): Promise<number> {
  const connection = connectionOf(db);
  const { lastInsertRowid } = connection
    .prepare(
      `insert into check_ins (task_id, cycle_id, person_id, percent, blocked, note, problems, next_steps, evidence, late, reported_at, via, source_chat_id, source_message_id)
       values (:taskId, :cycleId, :personId, :percent, :blocked, :note, :problems, :nextSteps, :evidence, :late, :reportedAt, :via, :sourceChatId, :sourceMessageId)`,
    )
    .run(row);
  connection
    .prepare(
      `update tasks set latest_check_in_id = :id where id = :taskId and (latest_check_in_id is null
         or (select reported_at, id from check_ins where id = tasks.latest_check_in_id) < (:reportedAt, :id))`,
    )
    .run({ id: lastInsertRowid, taskId: row.taskId, reportedAt: row.reportedAt });
  await noteDigestInputChange(db);
  return Number(lastInsertRowid);
}

export type StoredCheckIn = CheckInRow & { id: number };

const CHECK_IN_FIELDS = {
  id: 'id', taskId: 'task_id', cycleId: 'cycle_id', personId: 'person_id', percent: 'percent', blocked: 'blocked', note: 'note', problems: 'problems', nextSteps: 'next_steps',
  evidence: 'evidence', late: 'late', reportedAt: 'reported_at', via: 'via', sourceChatId: 'source_chat_id', sourceMessageId: 'source_message_id',
} satisfies Record<keyof StoredCheckIn, string>;

/** The columns of a check-in as a `select` list, of the table `as` if given. */
const checkInColumns = (as = '') => Object.entries(CHECK_IN_FIELDS).map(([field, column]) => `${as && `${as}.`}${column} as ${field}`).join(', ');
const CHECK_IN_COLUMNS = checkInColumns();

/** The person's latest answer on the task in that cycle. */
export async function latestAnswerIn(db: Db, taskId: number, personId: number, cycleId: number): Promise<StoredCheckIn | undefined> {
  return connectionOf(db)
    .prepare(`select ${CHECK_IN_COLUMNS} from check_ins where task_id = ? and person_id = ? and cycle_id = ? order by reported_at desc, id desc limit 1`)
    .get(taskId, personId, cycleId) as StoredCheckIn | undefined;
}

/** The answer the person wrote in this message, if one was (the latest, if it was corrected since). */
export async function checkInFromMessage(db: Db, personId: number, chatId: number, messageId: number): Promise<StoredCheckIn | undefined> {
  return connectionOf(db)
    .prepare(`select ${checkInColumns('c')} from tasks t join check_ins c on c.task_id = t.id where t.owner_id = ? and c.person_id = ? and c.source_chat_id = ? and c.source_message_id = ? order by c.reported_at desc, c.id desc limit 1`)
    .get(personId, personId, chatId, messageId) as StoredCheckIn | undefined;
}

/** Completes an answer with what came after it (a note, evidence), and the message that said it. */
export async function amendCheckIn(db: Db, id: number, change: Pick<CheckInRow, 'note' | 'problems' | 'nextSteps' | 'evidence' | 'sourceChatId' | 'sourceMessageId'>): Promise<void> {
  connectionOf(db)
    .prepare('update check_ins set note = :note, problems = :problems, next_steps = :nextSteps, evidence = :evidence, source_chat_id = :sourceChatId, source_message_id = :sourceMessageId where id = :id')
    .run({ ...change, id });
  await noteDigestInputChange(db);
}

/** The task of the person's latest button answer in the cycle, since then, that still has no note: where a plain text goes. */
export async function taskAwaitingNote(db: Db, personId: number, cycle: Cycle, since: Date): Promise<number | undefined> {
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

/** An answer as the acknowledgement shows it. */
export function recordedAnswer(task: Pick<TaskRef, 'code' | 'title'>, row: Pick<CheckInRow, 'percent' | 'blocked' | 'late' | 'note' | 'problems' | 'nextSteps' | 'evidence'>): RecordedAnswer {
  return {
    code: task.code, title: task.title, percent: row.percent, blocked: row.blocked === 1, late: row.late === 1,
    note: row.note, problems: row.problems, nextSteps: row.nextSteps, evidenceCount: (JSON.parse(row.evidence) as string[]).length,
  };
}
