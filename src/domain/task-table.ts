import { parseCalendarDate, type CalendarDate, type Cell } from './calendar-date.ts';
import { parseLocation, type Location } from './location.ts';
import { parseMilestones, type MilestonePlan } from './milestone.ts';
import type { Parsed, Problem } from './problem.ts';
import { editDistance } from './suggest.ts';
import { columnLetter, fieldOfHeader, isTaskField, knownHeaders, taskColumns, taskHeaders, type TaskField } from './table-columns.ts';

/** A file's cells as read, before any meaning: `line` is the spreadsheet row, as a person sees it. */
export interface RawTable {
  headers: Cell[];
  /** The header row's line: 1 unless title rows stand above it. */
  headerLine?: number;
  rows: { line: number; cells: Cell[] }[];
}

/** One valid row of the one table. */
export interface TaskRow {
  line: number;
  code: string;
  title: string;
  unit: string;
  owner: string;
  leader: string;
  due: CalendarDate;
  /** null when the file leaves it empty: the store keeps the task's start, or takes today. */
  start: CalendarDate | null;
  milestones: MilestonePlan[];
  target: string | null;
  category: string | null;
  location: Location | null;
  isPublic: boolean;
}

/** Every row, with what the reader passed by (`notes`: columns set aside); or every problem. */
export type TaskTable = { ok: true; rows: TaskRow[]; notes: Problem[] } | { ok: false; problems: Problem[] };

/**
 * The known header an unknown one was most likely meant to be, for a task column the file lacks:
 * 「完成时限（年月日）」 holds 完成时限, 「责任单住」 is one slip from 责任单位. Short headers need
 * the text itself: 备注 is two edits from 目标 and means nothing of the kind.
 */
function meantHeader(header: string, missing: (field: TaskField) => boolean): string | undefined {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s()（）\-_.]/g, '');
  const typed = fold(header);
  return taskHeaders.find(({ header: known, field }) => {
    const folded = fold(known);
    return missing(field) && folded.length >= 2 && (typed.includes(folded) || (typed.length >= 3 && editDistance(typed, folded) <= 1));
  })?.header;
}

const maxLength: Record<TaskField, number> = {
  code: 64, title: 500, unit: 100, owner: 64, leader: 64, due: 40, start: 40,
  milestones: 4000, target: 2000, category: 100, location: 60, public: 10,
};

/**
 * A cell's text, trimmed, with runs of blanks as one space. Full-width punctuation stays as
 * written (it is part of a Chinese title); only what is parsed is folded, in its parser.
 */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).replace(/[ \t\u3000]+/g, ' ').trim();
}

function parsePublic(text: string): Parsed<boolean> {
  if (text === '') return { ok: true, value: true };
  const folded = text.normalize('NFKC').toLowerCase();
  if (['是', 'yes', 'y', 'true', '1', '公开'].includes(folded)) return { ok: true, value: true };
  if (['否', 'no', 'n', 'false', '0', '不公开'].includes(folded)) return { ok: true, value: false };
  return { ok: false, code: 'public.format', params: { value: text } };
}

/**
 * Validates a whole table: every problem, each with its line and column, or every row.
 * Nothing is half-accepted: one problem anywhere means no rows.
 */
export function readTaskTable(raw: RawTable): TaskTable {
  const problems: Problem[] = [];
  const columnOf = new Map<TaskField, number>();
  const headerText = raw.headers.map(cellText);
  const language = headerText.some((h) => /[\u4e00-\u9fff]/.test(h)) ? 'zh' : 'en';
  const headerLine = raw.headerLine ?? 1;

  if (headerText.every((h) => h === '')) return { ok: false, problems: [{ line: headerLine, column: null, code: 'file.empty' }] };
  const unknown: number[] = [];
  headerText.forEach((header, index) => {
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (field === undefined) unknown.push(index);
    else if (isTaskField(field)) {
      if (columnOf.has(field)) problems.push({ line: headerLine, column: header, code: 'header.duplicate', params: { header } });
      else columnOf.set(field, index);
    }
  });
  // A column that means nothing to duban is set aside, named in one note; one that looks like a
  // column the file lacks is asked about, since its data would otherwise be lost without a word.
  const setAside: string[] = [];
  for (const index of unknown) {
    const header = headerText[index]!;
    const meant = meantHeader(header, (field) => !columnOf.has(field));
    if (meant) problems.push({ line: headerLine, column: header, code: 'header.didYouMean', params: { header, letter: columnLetter(index), meant } });
    else setAside.push(`${columnLetter(index)}「${header}」`);
  }
  for (const column of taskColumns) {
    if (column.required && !columnOf.has(column.field)) {
      problems.push({ line: headerLine, column: null, code: 'header.missing', params: { header: column[language] } });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: TaskRow[] = [];
  const firstLineOfCode = new Map<string, number>();
  for (const { line, cells } of raw.rows) {
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const rowProblems: Problem[] = [];
    const extra = cells.length - headerText.length;
    if (extra > 0 && cells.slice(headerText.length).some((cell) => cellText(cell) !== '')) {
      rowProblems.push({ line, column: null, code: 'cell.extra', params: { count: extra } });
    }
    const header = (field: TaskField) => headerText[columnOf.get(field)!]!;
    const cell = (field: TaskField): Cell => (columnOf.has(field) ? (cells[columnOf.get(field)!] ?? null) : null);
    const text = (field: TaskField): string => {
      const value = cellText(cell(field));
      if (value.length > maxLength[field]) {
        rowProblems.push({ line, column: header(field), code: 'cell.tooLong', params: { length: value.length, max: maxLength[field] } });
      }
      return value;
    };
    const required = (field: TaskField): string => {
      const value = text(field);
      if (value === '') rowProblems.push({ line, column: header(field), code: 'cell.required' });
      return value;
    };
    const parsed = <T>(field: TaskField, result: Parsed<T>): T | undefined => {
      if (result.ok) return result.value;
      rowProblems.push({ line, column: header(field), code: result.code, params: result.params });
      return undefined;
    };

    const code = required('code').normalize('NFKC');
    const title = required('title');
    const unit = required('unit');
    const owner = required('owner');
    const leader = required('leader');
    const due = cellText(cell('due')) === '' ? (required('due'), undefined) : parsed('due', parseCalendarDate(cell('due')));
    const start = cellText(cell('start')) === '' ? null : parsed('start', parseCalendarDate(cell('start')));
    const milestones = parsed('milestones', parseMilestones(text('milestones'))) ?? [];
    const locationText = text('location');
    const location = locationText === '' ? null : parsed('location', parseLocation(locationText));
    const isPublic = parsed('public', parsePublic(text('public')));
    const target = text('target') || null;
    const category = text('category') || null;

    if (due && start && start > due) {
      rowProblems.push({ line, column: header('start'), code: 'date.startAfterDue', params: { start, due } });
    }
    if (due) {
      for (const milestone of milestones.filter((m) => m.due > due)) {
        rowProblems.push({ line, column: header('milestones'), code: 'milestone.afterDue', params: { date: milestone.due, due } });
      }
    }
    if (code !== '') {
      const key = code.toUpperCase();
      const firstLine = firstLineOfCode.get(key);
      if (firstLine !== undefined) rowProblems.push({ line, column: header('code'), code: 'code.duplicate', params: { code, firstLine } });
      else firstLineOfCode.set(key, line);
    }

    if (rowProblems.length > 0 || due === undefined || start === undefined || location === undefined || isPublic === undefined) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({ line, code, title, unit, owner, leader, due, start, milestones, target, category, location, isPublic });
  }
  if (problems.length === 0 && rows.length === 0) problems.push({ line: null, column: null, code: 'file.noRows' });
  const notes: Problem[] = setAside.length > 0 ? [{ line: headerLine, column: null, code: 'header.setAside', params: { columns: setAside.join('、'), known: knownHeaders(language).join('、') } }] : [];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, notes };
}
