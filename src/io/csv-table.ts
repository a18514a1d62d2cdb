import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Problem } from '../domain/problem.ts';
import { headerRowIndex } from '../domain/table-columns.ts';
import type { RawTable } from '../domain/task-table.ts';
import type { Sheet, SheetValue } from './sheet.ts';

export type ReadResult = { ok: true; table: RawTable } | { ok: false; problems: Problem[] };

/**
 * Reads CSV bytes: UTF-8 with or without a BOM, CRLF or LF, quoted fields holding commas and
 * new lines. The header row may stand below title rows. A row's `line` is its spreadsheet row,
 * as a person sees it in Excel.
 */
export function readCsvTable(bytes: Uint8Array): ReadResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ line: null, column: null, code: 'file.notUtf8' }] };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const line = error instanceof CsvError && typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : null;
    return { ok: false, problems: [{ line, column: null, code: 'file.csvSyntax', params: { reason: (error as Error).message } }] };
  }
  records = records.map((cells) => cells.map(unguarded));
  const at = headerRowIndex(records);
  const rows = records.slice(at + 1).map((cells, index) => ({ line: at + index + 2, cells }));
  return { ok: true, table: { headers: records[at] ?? [], headerLine: at + 1, rows, titles: records.slice(0, at).flat().filter((cell) => cell.trim() !== '') } };
}

/**
 * A text that Excel or WPS would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`) is written
 * behind an apostrophe, so that it shows as text; `unguarded` takes the apostrophe off again when
 * the file is read back.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const guarded = (value: SheetValue) => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : (value ?? ''));
const unguarded = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/** Writes CSV with a BOM and CRLF, which Excel and WPS open as UTF-8 without asking; the header row first (no title). */
export function writeCsvTable(sheet: Sheet): Buffer {
  const text = stringify([sheet.columns.map((column) => column.header), ...sheet.rows.map((row) => row.map(guarded))], {
    record_delimiter: '\r\n',
    // A cell with a bare new line (one milestone a line) is quoted too, or Excel starts a row there.
    quoted_match: /[\r\n]/,
  });
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}
