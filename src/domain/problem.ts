/**
 * Something wrong with an input file, at a line (1 = the header row) and a column as the file
 * names it. `code` matches a `problem.*` message of the i18n catalogs; `params` fill it in.
 *
 * @example { line: 3, column: '完成时限', code: 'date.impossible', params: { value: '2025-02-30' } }
 */
export interface Problem {
  line: number | null;
  column: string | null;
  /** Several lines that share one cause (`4、7–9`), said once; `line` is then the first. */
  lines?: string;
  /** The column's letter as the spreadsheet shows it (`F`), where the column is known. */
  letter?: string;
  code: ProblemCode;
  params?: Record<string, string | number>;
}

export type ProblemCode =
  | 'file.unreadable'
  | 'file.extension'
  | 'file.notUtf8'
  | 'file.csvSyntax'
  | 'file.empty'
  | 'file.noRows'
  | 'file.notWorkbook'
  | 'file.tooLarge'
  | 'file.tooManyRows'
  | 'sheet.chosen'
  | 'row.hiddenSkipped'
  | 'row.sectionSkipped'
  | 'row.totalSkipped'
  | 'header.hiddenSkipped'
  | 'header.hidden'
  | 'header.duplicate'
  | 'header.missing'
  | 'header.setAside'
  | 'header.didYouMean'
  | 'cell.required'
  | 'cell.extra'
  | 'cell.tooLong'
  | 'date.format'
  | 'date.impossible'
  | 'date.startAfterDue'
  | 'deadline.noYear'
  | 'deadline.monthEnd'
  | 'deadline.dayBefore'
  | 'deadline.yearEnd'
  | 'deadline.halfYear'
  | 'deadline.quarter'
  | 'deadline.month'
  | 'deadline.yearFromTitle'
  | 'deadline.standing'
  | 'names.several'
  | 'names.takenOut'
  | 'names.doubtful'
  | 'unit.coUnits'
  | 'unit.leadGuessed'
  | 'code.derived'
  | 'code.numbering'
  | 'code.sameTask'
  | 'milestone.format'
  | 'milestone.afterDue'
  | 'milestone.shareRange'
  | 'milestone.shareOrder'
  | 'location.format'
  | 'location.range'
  | 'public.format'
  | 'unitType.unknown'
  | 'unitType.conflict'
  | 'code.duplicate';

/** A parse that either gives a value or says what is wrong with it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; params?: Record<string, string | number> };
