import { calendarDate, parseCalendarDate, type CalendarDate, type Cell } from './calendar-date.ts';
import type { Parsed } from './problem.ts';

/** A task's deadline (完成时限): a day, or a standing task that is never due. */
export type Deadline =
  /** `reading` null: an exact date was written, nothing to explain. */
  | { kind: 'date'; due: CalendarDate; reading: DeadlineReading | null }
  /** 长期, 长期坚持, 持续推进, 常态化 …: no due date. */
  | { kind: 'standing' };

/** How a deadline that is not an exact date was read, so that the import summary can say so (`deadline.reading.*`). */
export type DeadlineReading = 'monthEnd' | 'dayBefore' | 'yearEnd' | 'halfYear' | 'quarter' | 'month' | 'yearFromTitle';

/** A period before its year is known: the last day is taken, `day` null meaning the month's last. */
interface Period {
  year: number | null;
  month: number;
  day: number | null;
  reading: DeadlineReading | null;
}

const STANDING = /^(?:(?:长期|持续|常态(?:化|长效)?)(?:坚持|推进|开展|实施|落实|执行)?|standing|ongoing)$/iu;
/** `（视情况）` and the like: a remark beside the deadline, not part of it. */
const REMARK = /[(\[【][^()[\]【】]*[)\]】]/gu;
/** 前, 以前, 之前, 完成, 前完成 …; 底 and 内 stay, they name the period. */
const SUFFIX = /(以前|之前|前)?(?:完成)?$/u;
const QUARTER_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

/** Each phrase, read into a period; the text has no spaces, remarks or trailing 前/完成 left. */
const PHRASES: readonly [RegExp, (m: RegExpExecArray, before: boolean) => Period][] = [
  [/^(\d{1,2})月(\d{1,2})[日号]?$/u, (m, before) => ({ year: null, month: Number(m[1]), day: Number(m[2]), reading: before ? 'dayBefore' : null })],
  [/^(\d{4})[./-](\d{1,2})([底末])?$/u, (m) => ({ year: Number(m[1]), month: Number(m[2]), day: null, reading: m[3] ? 'monthEnd' : 'month' })],
  [/^(?:(\d{4})年)?(\d{1,2})月(份|底|末)?$/u, (m) => ({ year: year(m[1]), month: Number(m[2]), day: null, reading: m[3] === '底' || m[3] === '末' ? 'monthEnd' : 'month' })],
  [/^(?:(\d{4})年(?:年?[底末内]|全年)?|年[底末内]|全年)$/u, (m) => ({ year: year(m[1]), month: 12, day: 31, reading: 'yearEnd' })],
  [/^(?:(\d{4})年)?([上下])半年[底末]?$/u, (m) => ({ year: year(m[1]), month: m[2] === '上' ? 6 : 12, day: null, reading: 'halfYear' })],
  [/^(?:(\d{4})年?)?(?:第?([一二三四1-4])季度[底末]?|Q([1-4]))$/iu, (m) => ({ year: year(m[1]), month: QUARTER_NUMBER[m[2] ?? m[3]!]! * 3, day: null, reading: 'quarter' })],
];
/** Where a range starts: `2026年3月`, `2026.3`, `3月`, `2026年3`, `2026年3月1日`, `2026年` … */
const RANGE_START = /^(?:\d{4}(?:年|[./-])?)?(?:\d{1,2}(?:月(?:\d{1,2}[日号]?)?|[./-]\d{1,2}日?)?)?$/u;
const RANGE_SEPARATOR = /-|~|〜|—+|–|至|到/gu;

function year(written: string | undefined): number | null {
  return written === undefined ? null : Number(written);
}

/** One phrase, not a range; null: not a phrase we know. */
function readPhrase(text: string, before: boolean, tableYear: number | null, value: string): Parsed<Deadline> | null {
  const exact = parseCalendarDate(text);
  if (exact.ok) return { ok: true, value: { kind: 'date', due: exact.value, reading: before ? 'dayBefore' : null } };
  if (exact.code === 'date.impossible') return { ok: false, code: 'date.impossible', params: { value } };
  for (const [pattern, read] of PHRASES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const period = read(match, before);
    const year = period.year ?? tableYear;
    if (year === null) return { ok: false, code: 'deadline.noYear', params: { value } };
    const due = calendarDate(year, period.month, period.day ?? new Date(Date.UTC(year, period.month, 0)).getUTCDate());
    if (!due) return { ok: false, code: 'date.impossible', params: { value } };
    // Without a year, the period's own reading is what needs saying; an exact day needs only the year explained.
    return { ok: true, value: { kind: 'date', due, reading: period.reading ?? (period.year === null ? 'yearFromTitle' : null) } };
  }
  return null;
}

/** `2026年3月-6月`, `2026.3-2026.6`: the task runs until the end of the range, whose year the start may give. */
function readRange(text: string, before: boolean, tableYear: number | null, value: string): Parsed<Deadline> | null {
  for (const separator of text.matchAll(RANGE_SEPARATOR)) {
    const start = text.slice(0, separator.index!);
    let end = text.slice(separator.index! + separator[0].length);
    if (start === '' || end === '' || !RANGE_START.test(start)) continue;
    if (/^\d{1,2}$/u.test(end)) end += '月';
    const startYear = /^\d{4}/u.exec(start)?.[0];
    if (startYear && !/^\d{4}/u.test(end)) end = `${startYear}年${end}`;
    const read = readPhrase(end, before, tableYear, value);
    if (!read) continue;
    if (read.ok && read.value.kind === 'date' && read.value.reading === 'month') return { ok: true, value: { ...read.value, reading: 'monthEnd' } };
    return read;
  }
  return null;
}

/**
 * Reads a deadline as offices write it in their tables, taking the last day of the period written:
 * an exact date, `6月底前`, `年底前`, `上半年`, `二季度`, `2026年3月-6月`, or 长期 for a standing task.
 * A year left out is the table's (from its title); without one the deadline is refused rather than
 * guessed from today, since a table is often imported in a year other than its own.
 *
 * @example parseDeadline('６月底前完成', 2026) // { ok: true, value: { kind: 'date', due: '2026-06-30', reading: 'monthEnd' } }
 */
export function parseDeadline(cell: Cell, tableYear: number | null): Parsed<Deadline> {
  if (cell instanceof Date || typeof cell === 'number') {
    const date = parseCalendarDate(cell);
    return date.ok ? { ok: true, value: { kind: 'date', due: date.value, reading: null } } : date;
  }
  const value = (cell ?? '').normalize('NFKC').trim();
  const unremarked = value.replace(REMARK, '');
  // A deadline written wholly in brackets, `（长期坚持）`, is the deadline itself.
  let text = (unremarked.trim() === '' ? value.replace(/[()[\]【】]/gu, '') : unremarked).replace(/\s+/gu, '').replace(/[。；;，,]+$/u, '');
  if (STANDING.test(text)) return { ok: true, value: { kind: 'standing' } };
  const suffix = SUFFIX.exec(text)!;
  text = text.slice(0, suffix.index);
  const before = suffix[1] !== undefined;
  if (STANDING.test(text)) return { ok: true, value: { kind: 'standing' } };
  return readPhrase(text, before, tableYear, value) ?? readRange(text, before, tableYear, value) ?? { ok: false, code: 'date.format', params: { value } };
}

/**
 * The year of a table, from its title rows such as `2026年区政府重点工作督办任务清单`: the first
 * year 2000–2099 written, in ASCII or full-width digits.
 *
 * @example yearOfTitle(['２０２６年区政府重点工作督办任务清单']) // 2026
 */
export function yearOfTitle(texts: readonly string[]): number | null {
  for (const text of texts) {
    const match = /(?<!\d)20\d{2}(?!\d)/u.exec(text.normalize('NFKC'));
    if (match) return Number(match[0]);
  }
  return null;
}
