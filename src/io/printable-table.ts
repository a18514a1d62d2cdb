import ExcelJS from 'exceljs';
import { toUtcDate, type CalendarDate } from '../domain/calendar-date.ts';
import { displayWidth, rowHeight } from './row-heights.ts';
import type { Sheet, SheetColumn, SheetValue } from './sheet.ts';

/** 宋体 五号 (10.5 pt), the size of an office's tables; the title 三号 (16 pt). */
const FONT_NAME = '宋体';
const BODY_PT = 10.5;
const TITLE_PT = 16;
/** The smallest text a printed page may have: fitting the page must not shrink the body below it. */
const MIN_PRINTED_PT = 10;
/**
 * A column unit in points, as the wider renderer draws it. The unit is the digit of the
 * workbook's default font, Calibri 11 (exceljs writes no other): 7 px, 5.25 pt in Excel and WPS,
 * 5.55 pt in LibreOffice with Carlito, Calibri's metric twin (LibreOffice ships it on Windows,
 * Debian recommends it). A LibreOffice with neither measures DejaVu Sans's digit, 6.93 pt, and
 * shrinks the page to 80%: .ci/run installs Carlito.
 */
const POINTS_PER_UNIT = 5.6;
/** Margins in inches: narrow at the sides, room for the page number below. */
const MARGINS = { left: 0.3, right: 0.3, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 };
/** Landscape page widths in points, by the spreadsheet's paper size code: A4 (9), A3 (8). */
const PAPERS = [
  { code: 9, width: 841.89 },
  { code: 8, width: 1190.55 },
] as const;
const HEADER_FILL = 'FFDDE4EE';
const GRID: Partial<ExcelJS.Borders> = Object.fromEntries(
  (['top', 'left', 'bottom', 'right'] as const).map((side) => [side, { style: 'thin', color: { argb: 'FF8C959F' } }]),
);
const kindWidths: Record<SheetColumn['kind'], number> = { text: 14, longText: 36, date: 13, number: 8 };

/** The paper the printed columns fit at 100% or a scale that keeps the body at 10 pt or more: A4 if it can. */
function paperFor(printedUnits: number): ExcelJS.PaperSize {
  const printable = (width: number) => width - 72 * (MARGINS.left + MARGINS.right);
  const fits = (width: number) => (BODY_PT * Math.min(1, printable(width) / (printedUnits * POINTS_PER_UNIT))) >= MIN_PRINTED_PT;
  return (PAPERS.find((paper) => fits(paper.width)) ?? PAPERS[PAPERS.length - 1]!).code as ExcelJS.PaperSize;
}

function widthOf(sheet: Sheet, index: number): number {
  const column = sheet.columns[index]!;
  if (column.width !== undefined) return column.width;
  const longest = Math.max(displayWidth(column.header), ...sheet.rows.map((row) => (column.kind === 'longText' ? 0 : displayWidth(String(row[index] ?? '')))));
  return Math.min(Math.max(kindWidths[column.kind], longest + 2), 48);
}

/** What a cell shows, for its height: a date as `yyyy-mm-dd`. */
const shown = (value: SheetValue) => (value === null ? '' : String(value));

/**
 * Writes a workbook an office prints: a title row over the printed columns, a bold header row
 * repeated on every page, wrapped text in rows tall enough that none of it is cut, each light a
 * coloured cell; landscape, one page wide, the body at 10.5 pt and never printed below 10 pt (A3
 * when the columns would not fit A4 at that size), page numbers in the footer. Columns past
 * `sheet.printed` (admin, machine) lie outside the print area. Dates are date cells, and the
 * file imports back: the importer finds the header row under the title. Further sheets (the
 * assessment results) follow it, printed the same way.
 */
export async function writeXlsxTable(sheet: Sheet, ...further: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const each of [sheet, ...further]) addSheet(workbook, each);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet): void {
  const printed = Math.min(sheet.printed ?? sheet.columns.length, sheet.columns.length);
  const widths = sheet.columns.map((_, index) => widthOf(sheet, index));
  const headerRow = sheet.title ? 2 : 1;
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: Math.min(3, printed), ySplit: headerRow }] });
  // exceljs writes no width of exactly 9, its default, and Excel's is 8.43: nudge it.
  worksheet.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));
  const font = { name: FONT_NAME, size: BODY_PT };

  if (sheet.title) {
    const title = worksheet.getRow(1);
    title.getCell(1).value = sheet.title;
    title.getCell(1).font = { name: FONT_NAME, size: TITLE_PT, bold: true };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = Math.ceil(TITLE_PT * 2);
    if (printed > 1) worksheet.mergeCells(1, 1, 1, printed);
  }

  const header = worksheet.getRow(headerRow);
  sheet.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = GRID;
  });
  header.height = rowHeight(sheet.columns.map((column) => column.header), widths, BODY_PT);

  sheet.rows.forEach((values, rowIndex) => {
    const row = worksheet.getRow(headerRow + 1 + rowIndex);
    values.forEach((value, index) => {
      const { kind } = sheet.columns[index]!;
      const cell = row.getCell(index + 1);
      const argb = sheet.fill?.(rowIndex, index);
      cell.value = kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? toUtcDate(value as CalendarDate) : value;
      cell.font = argb ? { ...font, bold: true } : font;
      cell.alignment = { vertical: 'top', wrapText: kind !== 'date', ...((kind === 'number' || argb) && { horizontal: 'center' }) };
      if (kind === 'date') cell.numFmt = 'yyyy-mm-dd';
      const { decimals } = sheet.columns[index]!;
      if (decimals !== undefined && typeof value === 'number') cell.numFmt = `0.${'0'.repeat(decimals)}`;
      if (argb) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
      if (index < printed) cell.border = GRID;
    });
    row.height = rowHeight(values.slice(0, printed).map(shown), widths, BODY_PT);
  });

  const lastRow = headerRow + sheet.rows.length;
  const lastPrinted = worksheet.getColumn(printed).letter;
  worksheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: sheet.columns.length } };
  worksheet.pageSetup = {
    ...worksheet.pageSetup,
    orientation: 'landscape',
    paperSize: paperFor(widths.slice(0, printed).reduce((sum, width) => sum + width, 0)),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    // exceljs writes `$` + each end: this becomes `$A$1:$K$42`, which LibreOffice reads too.
    printArea: `A$1:${lastPrinted}$${lastRow}`,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  if (sheet.footer) worksheet.headerFooter = { ...worksheet.headerFooter, oddFooter: `&C${sheet.footer}` };
}
