import { DateTime } from 'luxon';
import type { CalendarDate } from './calendar-date.ts';

/**
 * A reporting week (报送周期): Monday 00:00 to the next Monday 00:00 in the configured time
 * zone, named by its ISO week. Across a daylight-saving change a week is 167 or 169 hours long.
 *
 * @example cycleWeekOf(new Date('2025-07-02T01:00:00Z'), 'Asia/Shanghai').week // '2025-W27'
 */
export interface CycleWeek {
  week: string;
  startsAt: Date;
  endsAt: Date;
  firstDay: CalendarDate;
  lastDay: CalendarDate;
}

/** The last week computed per zone: every answer asks for the week it falls in, and luxon's zone arithmetic is slow. */
const lastWeekIn = new Map<string, CycleWeek>();

export function cycleWeekOf(instant: Date, timeZone: string): CycleWeek {
  const last = lastWeekIn.get(timeZone);
  if (last && instant >= last.startsAt && instant < last.endsAt) return last;
  const week = computeCycleWeek(instant, timeZone);
  lastWeekIn.set(timeZone, week);
  return week;
}

function computeCycleWeek(instant: Date, timeZone: string): CycleWeek {
  const monday = DateTime.fromJSDate(instant, { zone: timeZone }).startOf('week');
  const nextMonday = monday.plus({ weeks: 1 });
  return {
    week: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`,
    startsAt: monday.toJSDate(),
    endsAt: nextMonday.toJSDate(),
    firstDay: monday.toISODate() as CalendarDate,
    lastDay: nextMonday.minus({ days: 1 }).toISODate() as CalendarDate,
  };
}

/** Days since 1970-01-01, remembered per day: a digest of 100,000 tasks asks about the same few hundred days. */
const epochDays = new Map<CalendarDate, number>();

function epochDay(day: CalendarDate): number {
  let days = epochDays.get(day);
  if (days === undefined) {
    if (epochDays.size >= 10_000) epochDays.clear();
    days = Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
    epochDays.set(day, days);
  }
  return days;
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(day: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as CalendarDate;
}
