import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { milestonesThatMatterUntil, taskStatus } from '../domain/status.ts';
import type { Clock, LitTask } from '../render/leader-views.ts';
import { answeringCycle } from '../store/cycles.ts';
import { digestTasks } from '../store/weekly.ts';
import type { BotDeps } from './context.ts';

/** Every task with its light as of now, counted over the latest opened cycle. */
export async function litTasks(deps: BotDeps): Promise<LitTask[]> {
  const now = deps.now();
  const cycle = await answeringCycle(deps.db, cycleWeekOf(now, deps.config.timezone));
  const today = calendarDateIn(now, deps.config.timezone);
  const tasks = await digestTasks(deps.db, cycle, milestonesThatMatterUntil(today, deps.config.thresholds));
  return Array.from(tasks, (task) => ({ task, status: taskStatus(task.facts, today, deps.config.thresholds) }));
}

/** Today, and instants shown as local `MM-DD HH:mm`, in TIMEZONE. */
export function clockOf(deps: BotDeps): Clock {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timezone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    today: calendarDateIn(deps.now(), deps.config.timezone),
    local: (instant) => format.format(new Date(instant)).replace(',', ''),
  };
}
