import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf, firstRow } from '../db/dialect.ts';
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

// Asked for every answer, so by the database's fast path (dialectOf(db).rows).
const TASK_REF = sql`select id, code, title, owner_id as "ownerId", leader_id as "leaderId", status from tasks`;

export async function taskById(db: Db, id: number): Promise<TaskRef | undefined> {
  return firstRow(db, sql<TaskRef>`${TASK_REF} where id = ${id}`);
}

/** A task by its code, in any case (`zx-01` finds `ZX-01`). */
export async function taskByCode(db: Db, code: string): Promise<TaskRef | undefined> {
  return firstRow(db, sql<TaskRef>`${TASK_REF} where ${dialectOf(db).sameCode(sql`code`, code.normalize('NFKC').trim())}`);
}

/** The percent of the task's latest answer, if it has one: what "no change" and "blocked" keep. */
export async function latestPercent(db: Db, taskId: number): Promise<{ percent: number } | undefined> {
  return firstRow(db, sql<{ percent: number }>`select c.percent from tasks t join check_ins c on c.id = t.latest_check_in_id where t.id = ${taskId}`);
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
  /** The responsible person a deputy answered for (代报). */
  onBehalfOf?: number | null;
}

/**
 * Writes a check-in and makes it the task's latest if it is (by reported_at, then id): the one
 * writer of check-ins, so that the pointer the digest reads by always follows that rule.
 */
export async function insertCheckIn(db: Db, row: CheckInRow): Promise<number> {
  const { rows, insertedId } = dialectOf(db);
  const id = (await insertedId(
    db,
    sql`insert into check_ins (task_id, cycle_id, person_id, percent, blocked, note, problems, next_steps, evidence, late, reported_at, via, source_chat_id, source_message_id, on_behalf_of)
      values (${row.taskId}, ${row.cycleId}, ${row.personId}, ${row.percent}, ${row.blocked}, ${row.note}, ${row.problems}, ${row.nextSteps}, ${row.evidence}, ${row.late}, ${row.reportedAt}, ${row.via}, ${row.sourceChatId}, ${row.sourceMessageId}, ${row.onBehalfOf ?? null})`,
  ))!;
  await rows(
    db,
    sql`update tasks set latest_check_in_id = ${id} where id = ${row.taskId} and not exists (select 1 from check_ins latest where latest.id = tasks.latest_check_in_id
      and (latest.reported_at > ${row.reportedAt} or (latest.reported_at = ${row.reportedAt} and latest.id > ${id})))`,
  );
  await noteDigestInputChange(db);
  return id;
}

export type StoredCheckIn = CheckInRow & { id: number };

const CHECK_IN_FIELDS = {
  id: 'id', taskId: 'task_id', cycleId: 'cycle_id', personId: 'person_id', percent: 'percent', blocked: 'blocked', note: 'note', problems: 'problems', nextSteps: 'next_steps',
  evidence: 'evidence', late: 'late', reportedAt: 'reported_at', via: 'via', sourceChatId: 'source_chat_id', sourceMessageId: 'source_message_id', onBehalfOf: 'on_behalf_of',
} satisfies Record<keyof StoredCheckIn, string>;

/** The columns of a check-in as a `select` list, of the table `as` if given. */
const checkInColumns = (as = '') => sql.raw(Object.entries(CHECK_IN_FIELDS).map(([field, column]) => `${as && `${as}.`}${column} as "${field}"`).join(', '));
const CHECK_IN_COLUMNS = checkInColumns();

/** The person's latest answer on the task in that cycle. */
export async function latestAnswerIn(db: Db, taskId: number, personId: number, cycleId: number): Promise<StoredCheckIn | undefined> {
  return firstRow(db, sql<StoredCheckIn>`select ${CHECK_IN_COLUMNS} from check_ins where task_id = ${taskId} and person_id = ${personId} and cycle_id = ${cycleId} order by reported_at desc, id desc limit 1`);
}

/** The answer the person wrote in this message, if one was (the latest, if it was corrected since). */
export async function checkInFromMessage(db: Db, personId: number, chatId: number, messageId: number): Promise<StoredCheckIn | undefined> {
  return firstRow(
    db,
    sql<StoredCheckIn>`select ${checkInColumns('c')} from tasks t join check_ins c on c.task_id = t.id
      where t.owner_id = ${personId} and c.person_id = ${personId} and c.source_chat_id = ${chatId} and c.source_message_id = ${messageId} order by c.reported_at desc, c.id desc limit 1`,
  );
}

/** Completes an answer with what came after it (a note, evidence), and the message that said it. */
export async function amendCheckIn(db: Db, id: number, change: Pick<CheckInRow, 'note' | 'problems' | 'nextSteps' | 'evidence' | 'sourceChatId' | 'sourceMessageId'>): Promise<void> {
  await dialectOf(db).rows(
    db,
    sql`update check_ins set note = ${change.note}, problems = ${change.problems}, next_steps = ${change.nextSteps}, evidence = ${change.evidence},
      source_chat_id = ${change.sourceChatId}, source_message_id = ${change.sourceMessageId} where id = ${id}`,
  );
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
