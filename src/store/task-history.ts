import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { coNamed } from './co-named.ts';
import { tasksWithPeople } from './task-joins.ts';

/** What /task shows beyond the task's light: its dates, milestones and latest answers. */
export async function taskHistory(db: Db, taskId: number, answers = 5) {
  const task = await tasksWithPeople(db)
    .select([
      'tasks.id', 'tasks.code', 'tasks.title', 'tasks.startDate', 'tasks.dueDate', 'tasks.status', 'tasks.closedAt', 'tasks.withdrawnReason', 'tasks.isPublic', 'units.name as unit',
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
  const named = await coNamed(db, taskId);
  const co = { units: named.units.get(taskId) ?? [], owners: named.owners.get(taskId) ?? [], leaders: named.leaders.get(taskId) ?? [] };
  return { task, milestones, answers: recent, co };
}

export type TaskHistory = Awaited<ReturnType<typeof taskHistory>>;

export async function unitNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('units').select('name').where('kind', '=', 'unit').orderBy('name').execute()).map((row) => row.name);
}

export async function taskCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom('tasks').select('code').orderBy('code').execute()).map((row) => row.code);
}

/** A withdrawn task by its code: when and why it was withdrawn. */
export async function withdrawnTask(db: Db, code: string): Promise<{ code: string; title: string; closedAt: string; reason: string } | undefined> {
  const row = await db.selectFrom('tasks').select(['code', 'title', 'closedAt', 'withdrawnReason']).where(dialectOf(db).sameCode(sql`code`, code.normalize('NFKC').trim())).where('status', '=', 'withdrawn').executeTakeFirst();
  return row && { code: row.code, title: row.title, closedAt: row.closedAt ?? '', reason: row.withdrawnReason ?? '' };
}
