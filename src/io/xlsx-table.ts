import ExcelJS from 'exceljs';
import type { Cell } from '../domain/calendar-date.ts';
import type { Problem } from '../domain/problem.ts';
import { headerRowIndex, knownHeaderCount } from '../domain/table-columns.ts';
import { lineRanges } from '../domain/table-rows.ts';
import type { ReadResult } from './csv-table.ts';
import { checkWorkbookFully } from './workbook-guard.ts';

/**
 * Columns read of a row. Reading every cell up to the widest row's made them all: one cell typed
 * in column XFD made 2,000 rows 32 million cells. No office's task table has 200 columns; the
 * first cell past them that holds something is kept, so that the row is reported as too wide.
 */
const MAX_COLUMNS = 200;

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** The words of the rows above the header: a deadline written without its year takes the title's. */
const titleTexts = (rows: readonly Cell[][]) => rows.flat().filter((cell): cell is string => typeof cell === 'string' && cell.trim() !== '');

interface SheetRead {
  name: string;
  rows: { line: number; cells: Cell[] }[];
  hiddenLines: number[];
  hiddenColumns: number[];
  headerAt: number;
  score: number;
}

/** A sheet's rows as the clerk sees them: merged cells read as their value (ExcelJS gives a merged cell its master's), hidden rows set apart. */
function readSheet(worksheet: ExcelJS.Worksheet): SheetRead {
  const width = Math.min(worksheet.columnCount, MAX_COLUMNS);
  const rows: SheetRead['rows'] = [];
  const hiddenLines: number[] = [];
  worksheet.eachRow((row, line) => {
    const cells: Cell[] = Array.from({ length: width }, () => null);
    // Only the cells the row has: asking for others makes them.
    row.eachCell((cell, column) => {
      if (column <= MAX_COLUMNS) cells[column - 1] = cellValue(cell.value);
      else cells[MAX_COLUMNS] ??= cellValue(cell.value);
    });
    if (row.hidden) {
      if (cells.some((cell) => cell !== null && cell !== '')) hiddenLines.push(line);
    } else rows.push({ line, cells });
  });
  const hiddenColumns = Array.from({ length: width }, (_, i) => i).filter((i) => worksheet.getColumn(i + 1).hidden);
  const headerAt = headerRowIndex(rows.map((row) => row.cells));
  return { name: worksheet.name, rows, hiddenLines, hiddenColumns, headerAt, score: knownHeaderCount(rows[headerAt]?.cells ?? []) };
}

/**
 * Reads the task sheet of an `.xlsx`: the visible sheet whose header row names most of the one
 * table's columns (a cover sheet or a notes sheet is passed over, and said so), its header row
 * found below any title rows; date cells arrive as Dates; each row keeps its line in the sheet.
 */
export async function readXlsxTable(bytes: Uint8Array): Promise<ReadResult> {
  const refused = await checkWorkbookFully(bytes);
  if (refused) return { ok: false, problems: [refused] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // The zip is sound (checked above); what ExcelJS cannot read is no workbook it knows, and its words are not the user's.
    return { ok: false, problems: [{ line: null, column: null, code: 'file.notWorkbook' }] };
  }
  const sheets = workbook.worksheets.filter((worksheet) => worksheet.state === 'visible').map(readSheet);
  const chosen = sheets.reduce<SheetRead | undefined>((best, sheet) => (best === undefined || sheet.score > best.score ? sheet : best), undefined);
  if (!chosen) return { ok: false, problems: [{ line: null, column: null, code: 'file.empty' }] };
  const headerLine = chosen.rows[chosen.headerAt]?.line ?? 1;
  const notes: Problem[] = [];
  const passed = workbook.worksheets.map((worksheet) => worksheet.name).filter((name) => name !== chosen.name);
  if (passed.length > 0) notes.push({ line: null, column: null, code: 'sheet.chosen', params: { sheet: chosen.name, headerLine, passed: passed.map((name) => `“${name}”`).join('、') } });
  if (chosen.hiddenLines.length > 0) notes.push({ line: null, column: null, code: 'row.hiddenSkipped', params: { lines: lineRanges(chosen.hiddenLines) } });
  return {
    ok: true,
    table: { headers: chosen.rows[chosen.headerAt]?.cells ?? [], headerLine, titles: titleTexts(chosen.rows.slice(0, chosen.headerAt).map((row) => row.cells)), rows: chosen.rows.slice(chosen.headerAt + 1), hiddenColumns: chosen.hiddenColumns, notes, sheet: chosen.name },
  };
}

export { writeXlsxTable } from './printable-table.ts';
