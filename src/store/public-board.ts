import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { groupBy } from '../domain/group-by.ts';

/**
 * What the public board may show of a task (DESIGN.md, 一张图): its facts, units and progress —
 * never a person's name, an instruction, or evidence. Only tasks marked public (公开 = 是).
 */
export interface PublicTaskRow {
  id: number;
  code: string;
  title: string;
  unit: string;
  category: string | null;
  target: string | null;
  start: CalendarDate;
  due: CalendarDate | null;
  status: 'open' | 'done' | 'withdrawn';
  lat: number | null;
  lng: number | null;
  /** The instant of the latest report, UTC. */
  lastReportAt: string | null;
  progress: number | null;
}

export async function publicTaskRows(db: Db): Promise<PublicTaskRow[]> {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('units', 'units.id', 'tasks.unitId')
    .leftJoin('checkIns as latest', 'latest.id', 'tasks.latestCheckInId')
    .select([
      'tasks.id', 'tasks.code', 'tasks.title', 'units.name as unit', 'tasks.category', 'tasks.target', 'tasks.startDate', 'tasks.dueDate',
      'tasks.status', 'tasks.lat', 'tasks.lng', 'latest.reportedAt as lastReportAt', 'latest.percent as progress',
    ])
    .where('tasks.isPublic', '=', 1)
    .orderBy('tasks.code')
    .execute();
  return rows.map((row) => ({
    id: row.id, code: row.code, title: row.title, unit: row.unit, category: row.category, target: row.target,
    start: row.startDate as CalendarDate, due: row.dueDate as CalendarDate | null, status: row.status, lat: row.lat, lng: row.lng,
    lastReportAt: row.lastReportAt ?? null, progress: row.progress ?? null,
  }));
}

/** The public tasks' milestones, by task, in date order: words and whether done, not who marked them. */
export async function publicMilestones(db: Db): Promise<Map<number, { taskId: number; due: CalendarDate; description: string; doneOn: CalendarDate | null }[]>> {
  const rows = await db
    .selectFrom('milestones')
    .innerJoin('tasks', 'tasks.id', 'milestones.taskId')
    .select(['milestones.taskId', 'milestones.dueDate', 'milestones.description', 'milestones.doneOn'])
    .where('tasks.isPublic', '=', 1)
    .orderBy('milestones.taskId')
    .orderBy('milestones.dueDate')
    .execute();
  const milestones = rows.map((row) => ({ taskId: row.taskId, due: row.dueDate as CalendarDate, description: row.description, doneOn: row.doneOn as CalendarDate | null }));
  return groupBy(milestones, (milestone) => milestone.taskId);
}

/** A public task's reports, newest first: percent, note and when — not who. */
export async function publicReports(db: Db, taskId: number, limit = 52): Promise<{ percent: number; blocked: boolean; note: string | null; reportedAt: string }[]> {
  const rows = await db
    .selectFrom('checkIns')
    .innerJoin('tasks', 'tasks.id', 'checkIns.taskId')
    .select(['checkIns.percent', 'checkIns.blocked', 'checkIns.note', 'checkIns.reportedAt'])
    .where('checkIns.taskId', '=', taskId)
    .where('tasks.isPublic', '=', 1)
    .orderBy('checkIns.reportedAt', 'desc')
    .orderBy('checkIns.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ percent: row.percent, blocked: row.blocked === 1, note: row.note, reportedAt: row.reportedAt }));
}

/** 立此存照: what a public task committed to when first published, and each change since, oldest first. */
export async function commitmentOf(db: Db, taskId: number) {
  const original = await db.selectFrom('publicCommitments').selectAll().where('taskId', '=', taskId).executeTakeFirst();
  const changes = await db.selectFrom('commitmentChanges').select(['at', 'field', 'before', 'after']).where('taskId', '=', taskId).orderBy('at').orderBy('id').execute();
  return { original, changes };
}

/**
 * What the board's data depends on: every write the digest reads (answers, imports, milestones,
 * close-outs, changes), and the latest cycle (a new week makes the silent red). With the day,
 * it names one version of the board; nothing is recomputed while it stays the same.
 */
export async function boardInputs(db: Db): Promise<string> {
  const changes = await db.selectFrom('meta').select('value').where('key', '=', 'digestInputChanges').executeTakeFirst();
  const cycle = await db.selectFrom('cycles').select('id').where('openedAt', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return `${changes?.value ?? 0}.${cycle?.id ?? 0}`;
}

/** Every person's name: what the board must never show. */
export async function peopleNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('people').select('name').execute()).map((row) => row.name);
}
