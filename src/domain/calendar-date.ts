import type { Parsed } from './problem.ts';

/**
 * A day on the calendar, `YYYY-MM-DD`, with no time and no zone: a due date is a day, not an
 * instant. Strings of this form sort in date order.
 */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

/** What a spreadsheet cell may hold: text, a number (an Excel date serial), or a date. */
export type Cell = string | number | Date | null;

/** A written date, in ASCII or full-width digits, for finding one inside longer text. */
export const WRITTEN_DATE = String.raw`[0-9０-９]{4}\s*(?:[-/.－／．]|年)\s*[0-9０-９]{1,2}\s*(?:[-/.－／．]|月)\s*[0-9０-９]{1,2}\s*日?`;

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as CalendarDate;
}

/** The calendar day of a UTC-midnight Date, as spreadsheet libraries hand date cells over. */
export function fromUtcDate(date: Date): CalendarDate {
  return calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())!;
}

/** Midnight UTC of the day, the form in which a spreadsheet library writes a date cell. */
export function toUtcDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/**
 * Reads a date as officials write it: `2025-06-30`, `2025/6/30`, `2025年6月30日`, or an Excel
 * date cell (a Date, or a serial number of days).
 *
 * @example parseCalendarDate('2025年6月30日') // { ok: true, value: '2025-06-30' }
 */
export function parseCalendarDate(cell: Cell): Parsed<CalendarDate> {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? { ok: false, code: 'date.format', params: { value: String(cell) } } : { ok: true, value: fromUtcDate(cell) };
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return { ok: false, code: 'date.format', params: { value: String(cell) } };
    return { ok: true, value: fromUtcDate(new Date(EXCEL_EPOCH_UTC + Math.floor(cell) * DAY_MS)) };
  }
  const text = (cell ?? '').normalize('NFKC').trim();
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return { ok: false, code: 'date.format', params: { value: text } };
  const date = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return date ? { ok: true, value: date } : { ok: false, code: 'date.impossible', params: { value: text } };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, e.g. the day of import in Asia/Shanghai. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant) as CalendarDate;
}
