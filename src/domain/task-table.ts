import { parseCalendarDate, type CalendarDate, type Cell } from './calendar-date.ts';
import { parseDeadline, yearOfTitle } from './deadline.ts';
import { parseLocation, type Location } from './location.ts';
import { parseMilestones, type MilestonePlan } from './milestone.ts';
import { peopleInCell, unitsInCell } from './names-in-cell.ts';
import type { Parsed, Problem } from './problem.ts';
import { mapHeaders } from './table-header.ts';
import { columnLetter, type TaskField } from './table-columns.ts';
import { derivedTaskCode } from './task-code.ts';
import { kindOfRow, lineRanges, type RowKind } from './table-rows.ts';
import { unitTypeOf, type UnitType } from './unit-type.ts';

/** A file's cells as read, before any meaning: `line` is the spreadsheet row, as a person sees it. */
export interface RawTable {
  headers: Cell[];
  /** The header row's line: 1 unless title rows stand above it. */
  headerLine?: number;
  rows: { line: number; cells: Cell[] }[];
  /** The texts above the header row (「2026年区政府重点工作督办任务清单」): the year of a deadline written without one. */
  titles?: string[];
  /** The workbook's sheet the rows come from; none for CSV. */
  sheet?: string;
  /** Columns the clerk cannot see (hidden in Excel): never read. */
  hiddenColumns?: readonly number[];
  /** What the file reader passed by (the sheet it chose, hidden rows), said with the import. */
  notes?: Problem[];
}

/** One valid row of the one table. */
export interface TaskRow {
  line: number;
  code: string;
  title: string;
  /** The lead unit (牵头单位): it reports, and is ranked. */
  unit: string;
  /** Units named with the task (配合单位), told of it. */
  coUnits: string[];
  /** The person who reports; `coOwners` are the others named in the same cell. */
  owner: string;
  coOwners: string[];
  /** The leader in charge; `coLeaders` are the others named in the same cell. */
  leader: string;
  coLeaders: string[];
  /** null: a standing task (长期坚持, 常态化), never due. */
  due: CalendarDate | null;
  /** null when the file leaves it empty: the store keeps the task's start, or takes today. */
  start: CalendarDate | null;
  milestones: MilestonePlan[];
  target: string | null;
  category: string | null;
  location: Location | null;
  isPublic: boolean;
  /** 单位类型 of the lead unit, for assessment rounds; null where the file leaves it empty. */
  unitType: UnitType | null;
}

/** Every row, with what the reader passed by or read with care (`notes`); or every problem. */
export type TaskTable = { ok: true; rows: TaskRow[]; notes: Problem[] } | { ok: false; problems: Problem[]; sheet?: string };

const maxLength: Record<TaskField, number> = {
  code: 64, title: 500, unit: 300, coUnits: 500, owner: 200, leader: 200, due: 40, start: 40,
  milestones: 4000, target: 2000, category: 100, location: 60, public: 10, unitType: 20,
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
 * Whether a column's cells only count the rows: whole numbers 1, 2, 3 … in order (blanks, for
 * section and total rows, aside). Two rows or more, so that one task coded 1 is still a code.
 */
function isRowNumbering(cells: readonly Cell[]): boolean {
  const numbers = cells.map(cellText).filter((text) => text !== '');
  return numbers.length >= 2 && numbers.every((text, i) => text.normalize('NFKC') === String(i + 1));
}

/**
 * Notes that share one cause and one column are said once, with their lines (`第 4、7–9 行`):
 * forty rows reading 「6月底前」 the same way make one line of the summary, not forty.
 */
class Notes {
  private readonly byCause = new Map<string, { note: Problem; lines: number[]; values: string[] }>();
  /** `gather`: the param that differs from row to row (a doubtful name) and is listed in the one note. */
  add(note: Problem & { line: number }, gather?: string) {
    const { [gather ?? '']: value, ...params } = note.params ?? {};
    const key = JSON.stringify([note.code, note.letter, gather === undefined ? note.params : params]);
    const found = this.byCause.get(key);
    if (found) found.lines.push(note.line);
    else this.byCause.set(key, { note, lines: [note.line], values: [] });
    if (gather !== undefined) this.byCause.get(key)!.values.push(String(value));
  }
  list(): Problem[] {
    return [...this.byCause.values()].map(({ note, lines, values }) => {
      const gathered = values.length > 1 ? { params: { ...note.params, name: [...new Set(values)].slice(0, 10).join('、') + (new Set(values).size > 10 ? ' …' : '') } } : {};
      return lines.length > 1 ? { ...note, ...gathered, lines: lineRanges(lines) } : note;
    });
  }
}

/**
 * Validates a whole table: every problem, each with its line and column, or every row.
 * Nothing is half-accepted: one problem anywhere means no rows.
 */
export function readTaskTable(raw: RawTable): TaskTable {
  const headerText = raw.headers.map(cellText);
  const headerLine = raw.headerLine ?? 1;
  const refuse = (problems: Problem[]): TaskTable => ({ ok: false, problems, ...(raw.sheet === undefined ? {} : { sheet: raw.sheet }) });
  if (headerText.every((h) => h === '')) return refuse([{ line: headerLine, column: null, code: 'file.empty' }]);
  const hidden = new Set(raw.hiddenColumns ?? []);
  const { columnOf, problems, notes: headerNotes } = mapHeaders(headerText, headerLine, hidden);
  if (problems.length > 0) return refuse(problems);

  // An 编号 column that only counts the rows (1, 2, 3 …) is a 序号 under another name: renumbered
  // next year, it would move each task's history to another task. Codes are derived instead.
  const numbering = columnOf.has('code') && isRowNumbering(raw.rows.map(({ cells }) => cells[columnOf.get('code')!] ?? null)) ? { index: columnOf.get('code')! } : null;
  if (numbering) columnOf.delete('code');
  const codesDerived = !columnOf.has('code');
  const tableYear = yearOfTitle([...(raw.titles ?? []), raw.sheet ?? '']);
  const notes = new Notes();
  const rows: TaskRow[] = [];
  const firstLineOfCode = new Map<string, number>();
  const typeOfUnit = new Map<string, { type: UnitType; written: string; line: number }>();
  const passedBy: Record<Exclude<RowKind, 'task'>, { lines: number[]; example: string }> = { section: { lines: [], example: '' }, total: { lines: [], example: '' } };
  for (const { line, cells: allCells } of raw.rows) {
    const cells = hidden.size === 0 ? allCells : allCells.map((cell, index) => (hidden.has(index) ? null : cell));
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const kind = kindOfRow(cells, cells[columnOf.get('title')!] ?? null);
    if (kind !== 'task') {
      passedBy[kind].lines.push(line);
      passedBy[kind].example ||= cells.map(cellText).find((text) => text !== '')!;
      continue;
    }
    const rowProblems: Problem[] = [];
    const extra = cells.length - headerText.length;
    if (extra > 0 && cells.slice(headerText.length).some((cell) => cellText(cell) !== '')) {
      rowProblems.push({ line, column: null, code: 'cell.extra', params: { count: extra } });
    }
    const at = (field: TaskField) => ({ column: headerText[columnOf.get(field)!]!, letter: columnLetter(columnOf.get(field)!) });
    const cell = (field: TaskField): Cell => (columnOf.has(field) ? (cells[columnOf.get(field)!] ?? null) : null);
    const text = (field: TaskField): string => {
      const value = cellText(cell(field));
      if (value.length > maxLength[field]) {
        rowProblems.push({ line, ...at(field), code: 'cell.tooLong', params: { length: value.length, max: maxLength[field] } });
      }
      return value;
    };
    const required = (field: TaskField): string => {
      const value = text(field);
      if (value === '') rowProblems.push({ line, ...at(field), code: 'cell.required' });
      return value;
    };
    const parsed = <T>(field: TaskField, result: Parsed<T>): T | undefined => {
      if (result.ok) return result.value;
      rowProblems.push({ line, ...at(field), code: result.code, params: result.params });
      return undefined;
    };
    const people = (field: 'owner' | 'leader'): string[] => {
      const written = required(field);
      if (written === '') return [];
      const read = peopleInCell(written);
      if (read.names.length === 0) rowProblems.push({ line, ...at(field), code: 'cell.required' });
      if (read.names.length > 1) notes.add({ line, ...at(field), code: 'names.several', params: { value: written, count: read.names.length, first: read.names[0]!, names: read.names.join('、') } });
      if (read.takenOut.length > 0) notes.add({ line, ...at(field), code: 'names.takenOut', params: { value: written, takenOut: read.takenOut.join('、') } });
      for (const name of read.doubtful) notes.add({ line, ...at(field), code: 'names.doubtful', params: { name } }, 'name');
      return read.names;
    };

    const title = required('title');
    const unitCell = required('unit');
    const units = unitsInCell(unitCell);
    const coColumn = unitsInCell(text('coUnits'));
    const coUnits = [...units.coUnits, coColumn.lead, ...coColumn.coUnits];
    const unit = units.lead;
    if (units.coUnits.length > 0) notes.add({ line, ...at('unit'), code: units.leadGuessed ? 'unit.leadGuessed' : 'unit.coUnits', params: { value: unitCell, lead: unit, coUnits: units.coUnits.join('、') } });
    const [owner = '', ...coOwners] = people('owner');
    const [leader = '', ...coLeaders] = people('leader');
    const code = codesDerived ? (title && unit ? derivedTaskCode(unit, title) : '') : required('code').normalize('NFKC');
    const deadline = cellText(cell('due')) === '' ? (required('due'), undefined) : parsed('due', parseDeadline(cell('due'), tableYear));
    const due = deadline === undefined ? undefined : deadline.kind === 'standing' ? null : deadline.due;
    if (deadline?.kind === 'standing') notes.add({ line, ...at('due'), code: 'deadline.standing', params: { value: cellText(cell('due')) } });
    else if (deadline?.reading) {
      const value = cellText(cell('due'));
      const fromTitle = tableYear !== null && !/\d{4}/.test(value.normalize('NFKC'));
      notes.add({ line, ...at('due'), code: fromTitle ? 'deadline.yearFromTitle' : `deadline.${deadline.reading}`, params: { value, due: deadline.due, year: tableYear ?? '' } });
    }
    const start = cellText(cell('start')) === '' ? null : parsed('start', parseCalendarDate(cell('start')));
    const milestones = parsed('milestones', parseMilestones(text('milestones'))) ?? [];
    const locationText = text('location');
    const location = locationText === '' ? null : parsed('location', parseLocation(locationText));
    const isPublic = parsed('public', parsePublic(text('public')));
    const target = text('target') || null;
    const category = text('category') || null;
    const unitTypeText = text('unitType');
    const unitType = unitTypeText === '' ? null : unitTypeOf(unitTypeText);
    if (unitType === undefined) rowProblems.push({ line, ...at('unitType'), code: 'unitType.unknown', params: { value: unitTypeText } });
    const typedBefore = unitType ? typeOfUnit.get(unit) : undefined;
    if (unitType && typedBefore && typedBefore.type !== unitType) rowProblems.push({ line, ...at('unitType'), code: 'unitType.conflict', params: { unit, value: unitTypeText, first: typedBefore.written, firstLine: typedBefore.line } });
    else if (unitType && !typedBefore) typeOfUnit.set(unit, { type: unitType, written: unitTypeText, line });

    if (due && start && start > due) {
      rowProblems.push({ line, ...at('start'), code: 'date.startAfterDue', params: { start, due } });
    }
    if (due) {
      for (const milestone of milestones.filter((m) => m.due > due)) {
        rowProblems.push({ line, ...at('milestones'), code: 'milestone.afterDue', params: { date: milestone.due, due } });
      }
    }
    if (code !== '') {
      const key = code.toUpperCase();
      const firstLine = firstLineOfCode.get(key);
      if (firstLine === undefined) firstLineOfCode.set(key, line);
      else if (codesDerived) rowProblems.push({ line, ...at('title'), code: 'code.sameTask', params: { firstLine } });
      else rowProblems.push({ line, ...at('code'), code: 'code.duplicate', params: { code, firstLine } });
    }

    if (rowProblems.length > 0 || due === undefined || start === undefined || location === undefined || isPublic === undefined || unitType === undefined) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({ line, code, title, unit, coUnits: [...new Set(coUnits)].filter((u) => u !== '' && u !== unit), owner, coOwners, leader, coLeaders, due, start, milestones, target, category, location, isPublic, unitType });
  }
  if (problems.length === 0 && rows.length === 0) problems.push({ line: null, column: null, code: 'file.noRows' });
  if (problems.length > 0) return refuse(problems);

  const said: Problem[] = [...(raw.notes ?? []), ...headerNotes];
  if (passedBy.section.lines.length > 0) said.push({ line: null, column: null, code: 'row.sectionSkipped', params: { lines: lineRanges(passedBy.section.lines), example: passedBy.section.example } });
  if (passedBy.total.lines.length > 0) said.push({ line: null, column: null, code: 'row.totalSkipped', params: { lines: lineRanges(passedBy.total.lines) } });
  if (numbering) said.push({ line: headerLine, column: null, code: 'code.numbering', params: { header: headerText[numbering.index] ?? '' } });
  if (codesDerived) said.push({ line: null, column: null, code: 'code.derived', params: { count: rows.length, example: `${rows[0]!.code} ${rows[0]!.title}` } });
  return { ok: true, rows, notes: [...said, ...notes.list()] };
}
