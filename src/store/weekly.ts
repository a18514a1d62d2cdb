import { connectionOf, type Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { daysBetween } from '../domain/cycle-week.ts';
import type { DigestTask } from '../domain/digest.ts';
import type { Cycle } from './cycles.ts';
import { cyclesUpTo } from './cycles.ts';
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

type Milestones = Map<number, { due: CalendarDate; description: string; done: boolean }[]>;

/** Every task's milestones, by date: read by a prepared statement, since the digest reads them all. */
function milestonesByTask(db: Db): Milestones {
  const rows = connectionOf(db)
    .prepare('select task_id as taskId, due_date as due, description, done_at is not null as done from milestones order by task_id, due_date')
    .all() as { taskId: number; due: CalendarDate; description: string; done: number }[];
  const byTask: Milestones = new Map();
  for (const { taskId, due, description, done } of rows) {
    const milestone = { due, description, done: done === 1 };
    const list = byTask.get(taskId);
    if (list) list.push(milestone);
    else byTask.set(taskId, [milestone]);
  }
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
  due: CalendarDate;
  dueInDays: number;
  ownerId: number;
  chatId: number;
  nextMilestone: { date: CalendarDate; description: string; days: number } | null;
  last: { percent: number; note: string | null } | null;
}

/** Every open task whose owner is linked: who to prompt, with what the prompt shows. */
export async function promptTargets(db: Db, today: CalendarDate): Promise<PromptTarget[]> {
  const tasks = await openTasks(db).where('tasks.status', '=', 'open').where('owners.telegramUserId', 'is not', null).orderBy('owners.id').orderBy('tasks.dueDate').orderBy('tasks.code').execute();
  const milestones = milestonesByTask(db);
  const latest = await latestCheckIns(db);
  return tasks.map((task) => {
    const next = (milestones.get(task.id) ?? []).find((m) => !m.done);
    const last = latest.get(task.id);
    return {
      taskId: task.id, code: task.code, title: task.title, due: task.dueDate as CalendarDate, dueInDays: daysBetween(today, task.dueDate as CalendarDate),
      ownerId: task.ownerId, chatId: task.ownerChat!,
      nextMilestone: next ? { date: next.due, description: next.description, days: daysBetween(today, next.due) } : null,
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

interface DigestRow {
  id: number; code: string; title: string; due: CalendarDate; start: CalendarDate; status: 'open' | 'done'; createdAt: string;
  unit: string; owner: string; ownerChat: number | null; ownerUnreachable: number; leaderId: number; leader: string;
  percent: number | null; blocked: number | null; note: string | null; answeredIn: number | null;
}

/** Every task with its people and its latest answer: one pass over the tasks, no seek into the history. */
const DIGEST_ROWS = `
  select t.id, t.code, t.title, t.due_date as due, t.start_date as start, t.status, t.created_at as createdAt,
    u.name as unit, o.name as owner, o.telegram_user_id as ownerChat,
    exists (select 1 from unreachable_chats r where r.chat_id = o.telegram_user_id) as ownerUnreachable,
    l.id as leaderId, l.name as leader,
    c.percent, c.blocked, c.note, c.cycle_id as answeredIn
  from tasks t
  join units u on u.id = t.unit_id
  join people o on o.id = t.owner_id
  join people l on l.id = t.leader_id
  left join check_ins c on c.id = t.latest_check_in_id
  order by t.code`;

/**
 * Every task with the facts its light comes from in the given cycle: the latest answer, and for
 * how many cycles in a row (counting only cycles since the task was created) it went unanswered,
 * which is the number of cycles after the one its latest answer belongs to. Read by prepared
 * statements: at 100,000 tasks, mapping rows through kysely's plugins cost more than the query.
 */
export async function digestTasks(db: Db, cycle: Cycle): Promise<DigestTask[]> {
  const history = await cyclesUpTo(db, cycle, SILENCE_HISTORY);
  const milestones = milestonesByTask(db);
  const rows = connectionOf(db).prepare(DIGEST_ROWS).all() as DigestRow[];
  return rows.map((row): DigestTask => {
    let silentCycles = 0;
    for (const past of history) {
      if (past.id === row.answeredIn || past.endsAt <= row.createdAt) break;
      silentCycles += 1;
    }
    return {
      id: row.id, code: row.code, title: row.title, unit: row.unit, owner: row.owner, leader: row.leader, leaderId: row.leaderId,
      ownerReach: row.ownerChat === null ? 'unlinked' : row.ownerUnreachable ? 'unreachable' : 'reachable',
      note: row.note,
      facts: {
        start: row.start, due: row.due, closedOut: row.status === 'done',
        milestones: milestones.get(row.id) ?? [],
        latest: row.percent === null ? null : { percent: row.percent, blocked: row.blocked === 1 },
        silentCycles,
      },
    };
  });
}
