import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { daysBetween } from '../domain/cycle-week.ts';
import type { DigestTask } from '../domain/digest.ts';
import type { Cycle } from './cycles.ts';
import { cyclesUpTo } from './cycles.ts';
import { groupBy } from '../domain/group-by.ts';
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

async function milestonesByTask(db: Db, taskIds?: readonly number[]) {
  let query = db.selectFrom('milestones').select(['taskId', 'dueDate', 'description', 'doneAt']).orderBy('taskId').orderBy('dueDate');
  if (taskIds) query = query.where('taskId', 'in', taskIds.length > 0 ? taskIds : [-1]);
  const rows = (await query.execute()).map((m) => ({ taskId: m.taskId, due: m.dueDate as CalendarDate, description: m.description, done: m.doneAt !== null }));
  return groupBy(rows, (m) => m.taskId);
}

/** Each task's latest check-in, of any cycle: one index seek per task. */
async function latestCheckIns(db: Db) {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('checkIns as c', (join) =>
      join.on('c.id', '=', (eb) =>
        eb.selectFrom('checkIns as latest').select('latest.id').whereRef('latest.taskId', '=', 'tasks.id').orderBy('latest.reportedAt', 'desc').orderBy('latest.id', 'desc').limit(1),
      ),
    )
    .select(['c.taskId', 'c.percent', 'c.blocked', 'c.note', 'c.cycleId'])
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
  const milestones = await milestonesByTask(db);
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

/**
 * Every task with the facts its light comes from in the given cycle: the latest answer, and for
 * how many cycles in a row (counting only cycles since the task was created) it went unanswered,
 * which is the number of cycles after the one its latest answer belongs to.
 */
export async function digestTasks(db: Db, cycle: Cycle): Promise<DigestTask[]> {
  const tasks = await openTasks(db).orderBy('tasks.code').execute();
  const history = await cyclesUpTo(db, cycle, SILENCE_HISTORY);
  const milestones = await milestonesByTask(db);
  const latest = await latestCheckIns(db);
  return tasks.map((task): DigestTask => {
    const answeredIn = latest.get(task.id)?.cycleId;
    let silentCycles = 0;
    for (const past of history) {
      if (past.id === answeredIn || past.endsAt <= task.createdAt) break;
      silentCycles += 1;
    }
    const last = latest.get(task.id);
    return {
      id: task.id, code: task.code, title: task.title, unit: task.unit, owner: task.owner, leader: task.leader, leaderId: task.leaderId,
      ownerReach: task.ownerChat === null ? 'unlinked' : task.ownerUnreachable ? 'unreachable' : 'reachable',
      note: last?.note ?? null,
      facts: {
        start: task.startDate as CalendarDate, due: task.dueDate as CalendarDate, closedOut: task.status === 'done',
        milestones: milestones.get(task.id) ?? [],
        latest: last ? { percent: last.percent, blocked: last.blocked === 1 } : null,
        silentCycles,
      },
    };
  });
}
