import { createRequire } from 'node:module';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { DayMark, DayMarks } from '../domain/work-calendar.ts';

/** chinese-days' table: `date → "English name,中文名,days"`, public holidays and make-up working days apart. */
interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let marks: DayMarks | undefined;

/**
 * Mainland China's public holidays and make-up working days (调休), from the State Council's
 * yearly notices as the `chinese-days` package keeps them: the years it has, and no other. Read
 * once.
 */
export function cnHolidayMarks(): DayMarks {
  if (marks) return marks;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDays;
  const days = new Map<CalendarDate, DayMark>();
  const nameOf = (value: string) => value.split(',')[1] || null;
  for (const [day, value] of Object.entries(data.holidays)) days.set(day as CalendarDate, { kind: 'rest', name: nameOf(value) });
  for (const [day, value] of Object.entries(data.workdays)) days.set(day as CalendarDate, { kind: 'work', name: nameOf(value) });
  marks = { days, years: new Set(Object.keys(data.holidays).map((day) => Number(day.slice(0, 4)))) };
  return marks;
}
