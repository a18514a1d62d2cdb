import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { taskByCode } from './check-ins.ts';
import { noteDigestInputChange } from './digest-inputs.ts';

/**
 * Who answers for a unit's work, as its tasks say: the person who owns most of them and the
 * leader in charge of most (the open ones counting before the closed); undefined for a unit
 * with no task.
 */
export async function unitResponsible(db: Db, unitId: number): Promise<{ ownerId: number; ownerChat: number | null; leaderId: number } | undefined> {
  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('people as owners', 'owners.id', 'tasks.ownerId')
    .select(['tasks.ownerId', 'tasks.leaderId', 'tasks.status', 'owners.telegramUserId as ownerChat'])
    .where('tasks.unitId', '=', unitId)
    .where('tasks.status', '!=', 'withdrawn')
    .execute();
  if (tasks.length === 0) return undefined;
  const open = tasks.filter((task) => task.status === 'open');
  const pool = open.length > 0 ? open : tasks;
  const most = (key: 'ownerId' | 'leaderId') => {
    const counts = new Map<number, number>();
    for (const task of pool) counts.set(task[key], (counts.get(task[key]) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  };
  const ownerId = most('ownerId');
  return { ownerId, ownerChat: pool.find((task) => task.ownerId === ownerId)!.ownerChat, leaderId: most('leaderId') };
}

export interface FollowUpTask {
  code: string;
  title: string;
  target: string;
  category: string;
  unitId: number;
  ownerId: number;
  leaderId: number;
  startDate: CalendarDate;
  dueDate: CalendarDate;
  roundId: number;
}

/** A code no task has yet: the one asked for, or it with `-2`, `-3`… */
export async function freeTaskCode(db: Db, wanted: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const code = n === 1 ? wanted : `${wanted}-${n}`;
    if (!(await taskByCode(db, code))) return code;
  }
}

/** Writes a follow-up task (测评整改): an ordinary open task, not public, tied to its round. */
export async function createFollowUpTask(db: Db, task: FollowUpTask, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db
    .insertInto('tasks')
    .values({
      code: task.code, title: task.title, target: task.target, category: task.category, unitId: task.unitId, ownerId: task.ownerId, leaderId: task.leaderId,
      startDate: task.startDate, dueDate: task.dueDate, lat: null, lng: null, isPublic: 0, createdAt: at, updatedAt: at, assessmentRoundId: task.roundId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await noteDigestInputChange(db);
  return id;
}
