import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { DayMark } from './work-calendar.ts';

/** A problem with a calendar file, by line: what is wrong, and the text that was there. */
export interface CalendarProblem {
  line: number;
  code: 'date' | 'kind' | 'duplicate' | 'columns';
  value: string;
  firstLine?: number;
}

export type CalendarFile = { ok: true; days: (DayMark & { day: CalendarDate })[] } | { ok: false; problems: CalendarProblem[] };

const KINDS: Record<string, DayMark['kind']> = { 休: 'rest', 假: 'rest', 放假: 'rest', 休息: 'rest', rest: 'rest', off: 'rest', holiday: 'rest', 班: 'work', 上班: 'work', 调休上班: 'work', work: 'work', workday: 'work' };
const HEADER = /^(date|day|日期)$/i;

/**
 * A working calendar as an admin writes it, one day a line: `date,休|班[,name]` (`2027-02-06,休,春节`,
 * `2027-02-14,班,春节`). A header line is read past; an empty line too. All or nothing: any bad
 * line refuses the file, every problem named by its line.
 *
 * @example readCalendarFile([['2027-01-01', '休', '元旦']]) // { ok: true, days: [{ day: '2027-01-01', kind: 'rest', name: '元旦' }] }
 */
export function readCalendarFile(rows: readonly (readonly string[])[]): CalendarFile {
  const days: (DayMark & { day: CalendarDate })[] = [];
  const problems: CalendarProblem[] = [];
  const firstLineOf = new Map<CalendarDate, number>();
  rows.forEach((cells, index) => {
    const line = index + 1;
    const [date = '', kind = '', name = ''] = cells.map((cell) => cell.trim());
    if (cells.every((cell) => cell.trim() === '') || (index === 0 && HEADER.test(date))) return;
    if (cells.length > 3 && cells.slice(3).some((cell) => cell.trim() !== '')) return void problems.push({ line, code: 'columns', value: cells.join(',') });
    const parsed = parseCalendarDate(date);
    const mark = KINDS[kind.normalize('NFKC').toLowerCase()];
    if (!parsed.ok) problems.push({ line, code: 'date', value: date });
    if (!mark) problems.push({ line, code: 'kind', value: kind });
    if (!parsed.ok || !mark) return;
    const first = firstLineOf.get(parsed.value);
    if (first !== undefined) return void problems.push({ line, code: 'duplicate', value: parsed.value, firstLine: first });
    firstLineOf.set(parsed.value, line);
    days.push({ day: parsed.value, kind: mark, name: name || null });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, days };
}
