import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { currentThresholds } from './work-calendar.ts';
import { taskStatus, type TaskStatus } from '../domain/status.ts';
import { latestOpenedCycle } from '../store/cycles.ts';
import { digestTasks } from '../store/weekly.ts';

/**
 * Every task's light today, by code, as the digest would show it: counted in the latest opened
 * cycle (DESIGN.md "Status rules"). Undefined before any cycle has opened: no light is due yet.
 */
export async function currentLights(db: Db, config: Pick<Config, 'timezone' | 'thresholds' | 'holidays'>, now: Date): Promise<Map<string, TaskStatus> | undefined> {
  const cycle = await latestOpenedCycle(db);
  if (!cycle) return undefined;
  const today = calendarDateIn(now, config.timezone);
  const lights = new Map<string, TaskStatus>();
  const thresholds = await currentThresholds(db, config, now);
  for await (const task of digestTasks(db, cycle, cycleWeekOf(new Date(cycle.startsAt), config.timezone))) lights.set(task.code, taskStatus(task.facts, today, thresholds));
  return lights;
}
