import type { CalendarDate } from './calendar-date.ts';

/** What the calendar says of a day beyond the weekday: a day off (休) or a working day (班), and why. */
export interface DayMark {
  kind: 'rest' | 'work';
  /** The holiday it belongs to, e.g. 国庆节; null where the source gives none. */
  name: string | null;
}

/** Days marked, by date, and the years the marks cover in full (a year's notice, not a day or two). */
export interface DayMarks {
  days: ReadonlyMap<CalendarDate, DayMark>;
  years: ReadonlySet<number>;
}

export const NO_MARKS: DayMarks = { days: new Map(), years: new Set() };

/**
 * The working calendar (工作日历): weekdays work, weekends rest, except where a mark says
 * otherwise — a public holiday (休) rests, a make-up working day (调休上班, 班) works, a Saturday
 * or a Sunday among them. The admin's marks win over the built-in ones, day by day.
 *
 * @example workCalendar(NO_MARKS, NO_MARKS).isWorkingDay('2026-10-01' as CalendarDate) // true: no marks, a Thursday
 */
export interface WorkCalendar {
  isWorkingDay(day: CalendarDate): boolean;
  /** The mark in force on a day, the admin's before the built-in one. */
  markOf(day: CalendarDate): DayMark | undefined;
  /** Whether a year's public holidays are known (built in, or imported by an admin). */
  knowsYear(year: number): boolean;
}

const weekdayOf = (day: CalendarDate) => new Date(`${day}T00:00:00Z`).getUTCDay();

export function workCalendar(builtIn: DayMarks, admin: DayMarks): WorkCalendar {
  const markOf = (day: CalendarDate) => admin.days.get(day) ?? builtIn.days.get(day);
  return {
    markOf,
    isWorkingDay(day) {
      const mark = markOf(day);
      if (mark) return mark.kind === 'work';
      const weekday = weekdayOf(day);
      return weekday !== 0 && weekday !== 6;
    },
    knowsYear: (year) => builtIn.years.has(year) || admin.years.has(year),
  };
}

/**
 * The years among `years` whose holidays the calendar does not know: where it can only tell
 * weekdays from weekends, and would prompt on a public holiday.
 */
export function unknownYears(calendar: WorkCalendar, years: readonly number[]): number[] {
  return [...new Set(years)].filter((year) => !calendar.knowsYear(year));
}

/**
 * The Mondays of the weeks, in the given years, with no working day: weeks off, which the weekly
 * cycle skips and expected progress does not count.
 *
 * @example pausedWeeks(cnCalendar, [2026]) // ['2026-02-16']: the Spring Festival week
 */
export function pausedWeeks(calendar: WorkCalendar, years: readonly number[]): CalendarDate[] {
  const mondays: CalendarDate[] = [];
  for (const year of [...new Set(years)].sort()) {
    if (!calendar.knowsYear(year)) continue;
    const first = new Date(Date.UTC(year, 0, 1));
    const monday = new Date(first.getTime() + (((8 - first.getUTCDay()) % 7) * 86_400_000));
    for (let day = monday; day.getUTCFullYear() === year; day = new Date(day.getTime() + 7 * 86_400_000)) {
      const days = Array.from({ length: 7 }, (_, i) => new Date(day.getTime() + i * 86_400_000).toISOString().slice(0, 10) as CalendarDate);
      if (days.every((each) => !calendar.isWorkingDay(each))) mondays.push(days[0]!);
    }
  }
  return mondays;
}
