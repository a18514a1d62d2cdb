import type { CalendarDate } from '../domain/calendar-date.ts';
import type { Translate } from '../i18n/translate.ts';

/** The parts of a reporting week an office's label is made of. */
export interface WeekDays {
  /** The ISO week, `2026-W24`. */
  week: string;
  firstDay: CalendarDate;
  lastDay: CalendarDate;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A week as an office writes it on paper: 「第24周（6月8日—14日）」, 「第27周（6月29日—7月5日）」,
 * "Week 24 (8–14 June)"; the month is written once when both days share it.
 *
 * @example weekLabel({ week: '2026-W24', firstDay: '2026-06-08', lastDay: '2026-06-14' }, t) // '第24周（6月8日—14日）'
 */
export function weekLabel(days: WeekDays, t: Translate): string {
  const number = Number(days.week.slice(days.week.indexOf('W') + 1));
  const [, fromMonth, fromDay] = days.firstDay.split('-').map(Number) as [number, number, number];
  const [, toMonth, toDay] = days.lastDay.split('-').map(Number) as [number, number, number];
  const sameMonth = fromMonth === toMonth;
  const params = { number, fromDay, toDay, fromMonth, toMonth, fromMonthName: MONTHS_EN[fromMonth - 1]!, toMonthName: MONTHS_EN[toMonth - 1]! };
  return t(sameMonth ? 'week.labelOneMonth' : 'week.labelTwoMonths', params);
}
