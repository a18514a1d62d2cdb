import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { UnitType } from '../domain/unit-type.ts';
import { coNamed } from './co-named.ts';
import { extensionsByTask, type ExtensionRequest } from './extensions.ts';
import { tasksWithPeople } from './task-joins.ts';

/** A task with everything the one table shows of it, including its latest report. */
export interface TaskRecord {
  code: string;
  title: string;
  unit: string;
  coUnits: string[];
  owner: string;
  coOwners: string[];
  leader: string;
  coLeaders: string[];
  /** null: a standing task. */
  due: CalendarDate | null;
  start: CalendarDate;
  milestones: { due: CalendarDate; description: string; share: number | null; /** The day it was marked done, in TIMEZONE. */ doneOn: CalendarDate | null }[];
  target: string | null;
  category: string | null;
  location: { lat: number; lng: number } | null;
  isPublic: boolean;
  /** The lead unit's 单位类型. */
  unitType: UnitType | null;
  status: 'open' | 'done';
  progress: number | null;
  /** The instant of the latest check-in, UTC. */
  lastReportAt: string | null;
  /** Its extension requests (延期申请), oldest first. */
  extensions: ExtensionRequest[];
  /** The latest check-in's words, for the table's 进展情况. */
  latest: { blocked: boolean; late: boolean; note: string | null; problems: string | null; nextSteps: string | null } | null;
}

/** Every task not withdrawn, in code order, as the one table lists it. */
export async function allTaskRecords(db: Db): Promise<TaskRecord[]> {
  const tasks = await tasksWithPeople(db)
    .select([
      'tasks.id', 'tasks.code', 'tasks.title', 'units.name as unit', 'owners.name as owner', 'leaders.name as leader',
      'tasks.dueDate', 'tasks.startDate', 'tasks.target', 'tasks.category', 'tasks.lat', 'tasks.lng', 'tasks.isPublic', 'tasks.status', 'units.unitType',
    ])
    .leftJoin('checkIns as latest', 'latest.id', 'tasks.latestCheckInId')
    .select(['latest.percent as progress', 'latest.reportedAt as lastReportAt', 'latest.blocked', 'latest.late', 'latest.note', 'latest.problems', 'latest.nextSteps'])
    .where('tasks.status', '!=', 'withdrawn')
    .orderBy('tasks.code')
    .execute();
  const named = await coNamed(db);
  const extensions = await extensionsByTask(db);
  const milestones = await db.selectFrom('milestones').select(['taskId', 'dueDate', 'description', 'share', 'doneOn']).orderBy('dueDate').orderBy('id').execute();
  const milestonesOf = new Map<number, TaskRecord['milestones']>();
  for (const m of milestones) {
    const list = milestonesOf.get(m.taskId) ?? [];
    list.push({ due: m.dueDate as CalendarDate, description: m.description, share: m.share, doneOn: m.doneOn as CalendarDate | null });
    milestonesOf.set(m.taskId, list);
  }
  return tasks.map((task) => ({
    code: task.code,
    title: task.title,
    unit: task.unit,
    coUnits: named.units.get(task.id) ?? [],
    owner: task.owner,
    coOwners: named.owners.get(task.id) ?? [],
    leader: task.leader,
    coLeaders: named.leaders.get(task.id) ?? [],
    due: task.dueDate as CalendarDate | null,
    start: task.startDate as CalendarDate,
    milestones: milestonesOf.get(task.id) ?? [],
    target: task.target,
    category: task.category,
    location: task.lat === null || task.lng === null ? null : { lat: task.lat, lng: task.lng },
    isPublic: task.isPublic === 1,
    unitType: task.unitType,
    extensions: extensions.get(task.id) ?? [],
    status: task.status === 'done' ? 'done' : 'open',
    progress: task.progress ?? null,
    lastReportAt: task.lastReportAt ?? null,
    latest:
      task.lastReportAt == null
        ? null
        : { blocked: task.blocked === 1, late: task.late === 1, note: task.note ?? null, problems: task.problems ?? null, nextSteps: task.nextSteps ?? null },
  }));
}
