import { originalDues } from './extensions.ts';
import { leavesBetween } from './leaves.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { daysBetween } from '../domain/cycle-week.ts';
import type { DigestTask, Reach } from '../domain/digest.ts';
import type { Cycle } from './cycles.ts';
import { cyclesUpTo } from './cycles.ts';
import { milestonesToMark } from './milestones.ts';
import { tasksWithPeople } from './task-joins.ts';

/** The open tasks with their owner and leader, as the weekly steps need them. */
function openTasks(db: Db) {
  return tasksWithPeople(db)
    .select([
      'tasks.id', 'tasks.code', 'tasks.title', 'tasks.dueDate', 'tasks.startDate', 'tasks.status', 'tasks.createdAt', 'units.name as unit',
      'owners.id as ownerId', 'owners.name as owner', 'owners.telegramUserId as ownerChat',
      'leaders.id as leaderId', 'leaders.name as leader', 'leaders.telegramUserId as leaderChat',
    ])
    .select((eb) => eb.exists(eb.selectFrom('unreachableChats').select('chatId').whereRef('unreachableChats.chatId', '=', 'owners.telegramUserId')).as('ownerUnreachable'));
}

/** Day numbers (days since 1970-01-01) as calendar days, each made once. */
function calendarDays(): (day: number) => CalendarDate {
  const days = new Map<number, CalendarDate>();
  return (day) => {
    let date = days.get(day);
    if (date === undefined) days.set(day, (date = new Date(day * 86_400_000).toISOString().slice(0, 10) as CalendarDate));
    return date;
  };
}

type MilestoneList = DigestTask['facts']['milestones'][number][];
type Milestones = Map<number, MilestoneList>;

/**
 * Rows as one JSON text built by the database, each row an array of `columns`: for the hundreds
 * of thousands of rows the digest reads, one JSON.parse makes JavaScript values several times
 * faster than a driver does row by row. The rows come in the order they are found: an ordered
 * aggregate sorts every row, even when an index already has them in order.
 */
async function rowsAsJson(db: Db, columns: RawBuilder<unknown>, from: RawBuilder<unknown>): Promise<string> {
  const dialect = dialectOf(db);
  const [row] = await dialect.rows(db, dialect.jsonArrays(columns, from));
  return row!.json;
}

type MilestoneRow = [taskId: number, dueDay: number, description: string, doneDay: number | null, share: number | null];

/** The milestones of the tasks with ids in (after, upTo], as `rowsAsJson`. */
function milestonesAsJson(db: Db, after: number, upTo: number): Promise<string> {
  const { dayNumber } = dialectOf(db);
  return rowsAsJson(db, sql`task_id, ${dayNumber(sql`due_date`)}, description, ${dayNumber(sql`done_on`)}, share`, sql`milestones where task_id > ${after} and task_id <= ${upTo}`);
}

/**
 * Each task's milestones by date: the curve of expected progress goes through each. Read as they
 * come (the index has them by task and date) and put in order here where they were not.
 */
function milestonesByTask(rows: readonly MilestoneRow[], day: (day: number) => CalendarDate): Milestones {
  const byTask: Milestones = new Map();
  const unsorted = new Set<MilestoneList>();
  for (const [taskId, dueDay, description, doneDay, share] of rows) {
    const milestone = { due: day(dueDay), description, done: doneDay !== null, share, doneOn: doneDay === null ? null : day(doneDay) };
    const list = byTask.get(taskId);
    if (!list) byTask.set(taskId, [milestone]);
    else {
      if (list[list.length - 1]!.due > milestone.due) unsorted.add(list);
      list.push(milestone);
    }
  }
  for (const list of unsorted) list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return byTask;
}

/** Each task's latest check-in, of any cycle, by the task's pointer to it. */
async function latestCheckIns(db: Db) {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('checkIns as c', 'c.id', 'tasks.latestCheckInId')
    .select(['c.taskId', 'c.percent', 'c.note'])
    .execute();
  return new Map(rows.map((row) => [row.taskId, row]));
}

export interface PromptTarget {
  taskId: number;
  code: string;
  title: string;
  /** null: a standing task. */
  due: CalendarDate | null;
  dueInDays: number | null;
  ownerId: number;
  chatId: number;
  /** The earliest milestone not done (overdue, due or next): shown, with a button to mark it done. */
  nextMilestone: { id: number; date: CalendarDate; description: string; days: number } | null;
  last: { percent: number; note: string | null } | null;
}

/** Every open task whose owner is linked: who to prompt, with what the prompt shows. */
export async function promptTargets(db: Db, today: CalendarDate): Promise<PromptTarget[]> {
  const tasks = await openTasks(db).where('tasks.status', '=', 'open').where('owners.telegramUserId', 'is not', null).orderBy('owners.id').orderBy('tasks.dueDate').orderBy('tasks.code').execute();
  const toMark = await milestonesToMark(db);
  const latest = await latestCheckIns(db);
  return tasks.map((task) => {
    const next = toMark.get(task.id);
    const last = latest.get(task.id);
    return {
      taskId: task.id, code: task.code, title: task.title, due: task.dueDate as CalendarDate | null, dueInDays: task.dueDate === null ? null : daysBetween(today, task.dueDate as CalendarDate),
      ownerId: task.ownerId, chatId: task.ownerChat!,
      nextMilestone: next ? { id: next.id, date: next.due, description: next.description, days: daysBetween(today, next.due) } : null,
      last: last ? { percent: last.percent, note: last.note } : null,
    };
  });
}

export interface UnansweredTask {
  taskId: number;
  code: string;
  title: string;
  unit: string;
  ownerId: number;
  owner: string;
  ownerChat: number | null;
  /** The owner blocked the bot: a reminder would not reach them. */
  ownerUnreachable: boolean;
  leaderId: number;
  leaderChat: number | null;
}

/** Open tasks with no answer yet in the cycle: whom to remind, and whose leader to tell. */
export async function unansweredTasks(db: Db, cycle: Cycle): Promise<UnansweredTask[]> {
  const rows = await openTasks(db)
    .where('tasks.status', '=', 'open')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('checkIns').select('checkIns.id').whereRef('checkIns.taskId', '=', 'tasks.id').where('checkIns.cycleId', '=', cycle.id))))
    .orderBy('units.name')
    .orderBy('tasks.code')
    .execute();
  return rows.map((row) => ({
    taskId: row.id, code: row.code, title: row.title, unit: row.unit, ownerId: row.ownerId, owner: row.owner, ownerChat: row.ownerChat,
    ownerUnreachable: Boolean(row.ownerUnreachable), leaderId: row.leaderId, leaderChat: row.leaderChat,
  }));
}

const SILENCE_HISTORY = 12;
/** Tasks read per JSON array: at 100,000 tasks one array was a 15 MB string, built, copied and parsed whole. */
const DIGEST_CHUNK = 5_000;

/**
 * Every task with its latest answer, one pass over the tasks with no seek into the history. At
 * 100,000 tasks making JavaScript values is most of the cost, so repeated values come as numbers:
 * names by id, days as day numbers, instants as epoch seconds.
 */
function digestColumns(db: Db): RawBuilder<unknown> {
  const { dayNumber, epochSeconds, oneIf } = dialectOf(db);
  return sql`t.id, t.code, t.title, t.unit_id, t.owner_id, t.leader_id,
    ${dayNumber(sql`t.due_date`)}, ${dayNumber(sql`t.start_date`)}, ${oneIf(sql`t.status = 'done'`)}, ${epochSeconds(sql`t.created_at`)},
    c.percent, c.blocked, c.note, c.cycle_id, t.is_public, case when c.on_behalf_of is not null then c.person_id end`;
}
const digestRows = (after: number, upTo: number) =>
  sql`tasks t left join check_ins c on c.id = t.latest_check_in_id where t.status != 'withdrawn' and t.id > ${after} and t.id <= ${upTo}`;
type DigestRow = [
  id: number, code: string, title: string, unitId: number, ownerId: number, leaderId: number,
  dueDay: number | null, startDay: number, closedOut: number, createdAt: number,
  percent: number | null, blocked: number | null, note: string | null, answeredIn: number | null, isPublic: number, deputyId: number | null,
];
const NO_MILESTONES: DigestTask['facts']['milestones'] = Object.freeze([]);

/** Names by id, of the units and people the digest's tasks name. */
async function namesOf(db: Db, table: 'units' | 'people'): Promise<Map<number, string>> {
  return new Map(JSON.parse(await rowsAsJson(db, sql`id, name`, sql.table(table))) as [number, string][]);
}

/**
 * Whether prompts reach each person, as the few they do not: not linked yet, or blocking the bot.
 * Read once, not joined to every task.
 */
async function reachOf(db: Db): Promise<(personId: number) => Reach> {
  const ids = async (where: RawBuilder<unknown>) => new Set((await dialectOf(db).rows(db, sql<{ id: number }>`select id from people where ${where}`)).map((row) => row.id));
  const unlinked = await ids(sql`telegram_user_id is null`);
  const unreachable = await ids(sql`telegram_user_id in (select chat_id from unreachable_chats)`);
  return (personId) => (unlinked.has(personId) ? 'unlinked' : unreachable.has(personId) ? 'unreachable' : 'reachable');
}

/**
 * Every task with the facts its light comes from in the given cycle: the latest answer, and for
 * how many cycles in a row (counting only cycles since the task was created) it went unanswered,
 * which is the number of cycles after the one its latest answer belongs to. In no particular
 * order: whoever lists tasks sorts what it lists. Read without kysely: at 100,000 tasks, mapping
 * rows through its plugins cost more than the query.
 *
 * The tasks are read part by part as they are iterated, once: a digest that keeps only what it
 * lists then never holds them all (at 100,000 tasks, holding them made the garbage collector's
 * work grow faster than the table). Iterate within the transaction the tasks belong to.
 */
export async function* digestTasks(db: Db, cycle: Cycle, week: { firstDay: CalendarDate; lastDay: CalendarDate }): AsyncGenerator<DigestTask, void, undefined> {
  const history = (await cyclesUpTo(db, cycle, SILENCE_HISTORY)).map((past) => ({ id: past.id, endsAt: Date.parse(past.endsAt) / 1000 }));
  const day = calendarDays();
  let milestones: Milestones = new Map();
  const units = await namesOf(db, 'units');
  const people = await namesOf(db, 'people');
  const reach = await reachOf(db);
  const extendedFrom = await originalDues(db);
  // Away during the week with nobody standing in: their tasks are on leave, not silent.
  const away = new Set([...(await leavesBetween(db, week.firstDay, week.lastDay)).values()].filter((leave) => leave.deputyId === null).map((leave) => leave.personId));
  const toTask = ([id, code, title, unitId, ownerId, leaderId, dueDay, startDay, closedOut, createdAt, percent, blocked, note, answeredIn, isPublic, deputyId]: DigestRow): DigestTask => {
    let silentCycles = 0;
    for (const past of history) {
      if (past.id === answeredIn || past.endsAt <= createdAt) break;
      silentCycles += 1;
    }
    return {
      id, code, title, unit: units.get(unitId)!, owner: people.get(ownerId)!, leader: people.get(leaderId)!, leaderId, ownerReach: reach(ownerId), note, isPublic: isPublic === 1,
      extendedFrom: extendedFrom.get(id) ?? null,
      answeredBy: deputyId === null ? null : (people.get(deputyId) ?? null),
      facts: {
        start: day(startDay), due: dueDay === null ? null : day(dueDay), closedOut: closedOut === 1,
        milestones: milestones.get(id) ?? NO_MILESTONES,
        latest: percent === null ? null : { percent, blocked: blocked === 1 },
        silentCycles,
        onLeave: away.has(ownerId),
      },
    };
  };
  const { lastId } = await db.selectFrom('tasks').select((eb) => eb.fn.max('id').as('lastId')).executeTakeFirstOrThrow();
  for (let after = 0; after < (lastId ?? 0); after += DIGEST_CHUNK) {
    const rows = JSON.parse(await rowsAsJson(db, digestColumns(db), digestRows(after, after + DIGEST_CHUNK))) as DigestRow[];
    milestones = milestonesByTask(JSON.parse(await milestonesAsJson(db, after, after + DIGEST_CHUNK)) as MilestoneRow[], day);
    for (const row of rows) yield toTask(row);
  }
}
