import type { Db } from '../db/database.ts';
import { tasksWithPeople } from './task-joins.ts';

/** What /task shows beyond the task's light: its dates, milestones and latest answers. */
export async function taskHistory(db: Db, taskId: number, answers = 5) {
  const task = await tasksWithPeople(db)
    .select([
      'tasks.id', 'tasks.code', 'tasks.title', 'tasks.startDate', 'tasks.dueDate', 'tasks.status', 'tasks.closedAt', 'units.name as unit',
      'owners.id as ownerId', 'owners.name as owner', 'owners.telegramUserId as ownerChat', 'leaders.id as leaderId', 'leaders.name as leader', 'leaders.telegramUserId as leaderChat',
    ])
    .where('tasks.id', '=', taskId)
    .executeTakeFirstOrThrow();
  const milestones = await db.selectFrom('milestones').select(['id', 'dueDate', 'description', 'share', 'doneOn']).where('taskId', '=', taskId).orderBy('dueDate').orderBy('id').execute();
  const recent = await db
    .selectFrom('checkIns')
    .select(['percent', 'blocked', 'late', 'note', 'reportedAt'])
    .where('taskId', '=', taskId)
    .orderBy('reportedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(answers)
    .execute();
  return { task, milestones, answers: recent };
}

export type TaskHistory = Awaited<ReturnType<typeof taskHistory>>;

export async function unitNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('units').select('name').where('kind', '=', 'unit').orderBy('name').execute()).map((row) => row.name);
}

export async function taskCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('tasks').select('code').orderBy('code').execute()).map((row) => row.code);
}
