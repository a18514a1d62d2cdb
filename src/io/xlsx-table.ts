import ExcelJS from 'exceljs';
import type { Cell } from '../domain/calendar-date.ts';
import { headerRowIndex } from '../domain/table-columns.ts';
import type { ReadResult } from './csv-table.ts';

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

/**
 * Reads the first worksheet of an `.xlsx`: the header row is found below any title rows; date
 * cells arrive as Dates; each row keeps its line in the sheet.
 */
export async function readXlsxTable(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, problems: [{ line: null, column: null, code: 'file.unreadable', params: { reason: (error as Error).message } }] };
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return { ok: false, problems: [{ line: null, column: null, code: 'file.empty' }] };
  const width = worksheet.columnCount;
  const rows: { line: number; cells: Cell[] }[] = [];
  worksheet.eachRow((row, line) => {
    rows.push({ line, cells: Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellValue(row.getCell(i + 1).value)) });
  });
  const at = headerRowIndex(rows.map((row) => row.cells));
  return { ok: true, table: { headers: rows[at]?.cells ?? [], headerLine: rows[at]?.line ?? 1, rows: rows.slice(at + 1) } };
}

export { writeXlsxTable } from './printable-table.ts';
