import ExcelJS from 'exceljs';
import { toUtcDate, type CalendarDate, type Cell } from '../domain/calendar-date.ts';
import type { ReadResult } from './csv-table.ts';
import type { Sheet, SheetColumn } from './sheet.ts';

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

/** Reads the first worksheet of an `.xlsx`: row 1 is the header; date cells arrive as Dates. */
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
  const cellsOf = (row: ExcelJS.Row) => Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellValue(row.getCell(i + 1).value));
  const headers = cellsOf(worksheet.getRow(1));
  const rows: RawTableRow[] = [];
  worksheet.eachRow((row, line) => {
    if (line > 1) rows.push({ line, cells: cellsOf(row) });
  });
  return { ok: true, table: { headers, rows } };
}

type RawTableRow = { line: number; cells: Cell[] };

const widths: Record<SheetColumn['kind'], number> = { text: 14, longText: 36, date: 12, number: 8 };

/**
 * Writes a workbook an office would print: a bold header row repeated on every page, frozen
 * panes, column widths that fit the content, dates as date cells, landscape and one page wide.
 */
export async function writeXlsxTable(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  worksheet.pageSetup.printTitlesRow = '1:1';
  worksheet.columns = sheet.columns.map((column, index) => {
    const longest = Math.max(
      displayWidth(column.header),
      ...sheet.rows.map((row) => (column.kind === 'longText' ? 0 : displayWidth(String(row[index] ?? '')))),
    );
    return {
      header: column.header,
      width: Math.min(Math.max(widths[column.kind], longest + 2), 48),
      style: column.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : column.kind === 'longText' ? { alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
    };
  });
  sheet.rows.forEach((row, rowIndex) => {
    const added = worksheet.addRow(row.map((value, index) => (sheet.columns[index]!.kind === 'date' && value ? toUtcDate(value as CalendarDate) : value)));
    row.forEach((_, columnIndex) => {
      const argb = sheet.fill?.(rowIndex, columnIndex);
      if (argb) added.getCell(columnIndex + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    });
  });
  const header = worksheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CJK characters take two columns of a monospace width. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uffff]/.test(char) ? 2 : 1;
  return width;
}
