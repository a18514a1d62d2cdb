/**
 * Something wrong with an input file, at a line (1 = the header row) and a column as the file
 * names it. `code` matches a `problem.*` message of the i18n catalogs; `params` fill it in.
 *
 * @example { line: 3, column: '完成时限', code: 'date.impossible', params: { value: '2025-02-30' } }
 */
export interface Problem {
  line: number | null;
  column: string | null;
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
  | 'milestone.format'
  | 'milestone.afterDue'
  | 'milestone.shareRange'
  | 'milestone.shareOrder'
  | 'location.format'
  | 'location.range'
  | 'public.format'
  | 'code.duplicate';

/** A parse that either gives a value or says what is wrong with it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; params?: Record<string, string | number> };
