import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import type { Thresholds } from '../domain/status.ts';
import { NO_MARKS, pausedWeeks, unknownYears, workCalendar, type WorkCalendar } from '../domain/work-calendar.ts';
import { cnHolidayMarks } from '../io/cn-holidays.ts';
import { adminDayMarks } from '../store/calendar-days.ts';

/** The working calendar in force: the built-in holidays (HOLIDAYS), under the admin's marks. Read afresh each time: an import may come any moment. */
export async function currentWorkCalendar(db: Db, config: Pick<Config, 'holidays'>): Promise<WorkCalendar> {
  return workCalendar(config.holidays === 'cn' ? cnHolidayMarks() : NO_MARKS, await adminDayMarks(db));
}

/** How far ahead a year's holidays must be known: a schedule within this many days of the new year reaches into it. */
const LOOK_AHEAD_DAYS = 45;

/**
 * The years the schedule runs in soon (this one, and the next once it is near) whose public
 * holidays are not known: what start-up and /healthz say. With HOLIDAYS=none, none is missing.
 */
export async function holidaysMissing(db: Db, config: Pick<Config, 'holidays' | 'timezone'>, now: Date): Promise<number[]> {
  if (config.holidays === 'none') return [];
  const calendar = await currentWorkCalendar(db, config);
  const years = [now, new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000)].map((instant) => Number(calendarDateIn(instant, config.timezone).slice(0, 4)));
  return unknownYears(calendar, years);
}

/**
 * The status rules as they stand today: the settings' thresholds, with the weeks off around now
 * (last year to next) over which expected progress does not grow.
 */
export async function currentThresholds(db: Db, config: Pick<Config, 'holidays' | 'timezone' | 'thresholds'>, now: Date): Promise<Thresholds> {
  return thresholdsIn(await currentWorkCalendar(db, config), config, now);
}

/** `currentThresholds`, for a caller that has the calendar already. */
export function thresholdsIn(calendar: WorkCalendar, config: Pick<Config, 'timezone' | 'thresholds'>, now: Date): Thresholds {
  const year = Number(calendarDateIn(now, config.timezone).slice(0, 4));
  return { ...config.thresholds, pausedWeeks: pausedWeeks(calendar, [year - 1, year, year + 1]) };
}
