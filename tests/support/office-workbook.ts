import ExcelJS from 'exceljs';

/** A row of an office's own table, as its clerk typed it, under the office's own headers. */
export type OfficeRow = Record<string, string | number | Date | null>;

export interface OfficeWorkbookOptions {
  headers: string[];
  rows: (OfficeRow | { section: string } | { total: string })[];
  /** A merged title row above the header, as offices print. */
  title?: string;
  /** A cover sheet (封面) before the task sheet. */
  cover?: boolean;
  /** Headers whose columns the clerk hid. */
  hiddenColumns?: string[];
  /** Indexes into `rows` of rows the clerk hid. */
  hiddenRows?: number[];
  sheetName?: string;
  /** Cells merged down a run of task rows (`row`: the index into `rows` where the run starts), as offices merge one unit's cell. */
  mergedDown?: { header: string; row: number; count: number }[];
}

/**
 * A workbook made the way district offices make them: a cover sheet, a merged title row, section
 * rows merged across the table, a total row, hidden columns and rows. Built with ExcelJS, as
 * Excel would save it.
 */
export async function officeWorkbook(options: OfficeWorkbookOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (options.cover) {
    const cover = workbook.addWorksheet('封面');
    cover.getCell('B3').value = '2026年区政府重点工作督办任务清单';
    cover.getCell('B5').value = '区督考办 编';
    cover.getCell('B6').value = '二〇二六年一月';
  }
  const sheet = workbook.addWorksheet(options.sheetName ?? '任务清单');
  const width = options.headers.length;
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.mergeCells(1, 1, 1, width);
  }
  sheet.addRow(options.headers);
  const lineOf: number[] = [];
  options.rows.forEach((row, index) => {
    let added: ExcelJS.Row;
    if ('section' in row) {
      added = sheet.addRow([row.section]);
      sheet.mergeCells(added.number, 1, added.number, width);
    } else if ('total' in row) {
      added = sheet.addRow([row.total, null, `${options.rows.filter((r) => !('section' in r) && !('total' in r)).length}项`]);
    } else {
      added = sheet.addRow(options.headers.map((header) => row[header] ?? null));
    }
    if (options.hiddenRows?.includes(index)) added.hidden = true;
    lineOf[index] = added.number;
  });
  for (const { header, row, count } of options.mergedDown ?? []) {
    const column = options.headers.indexOf(header) + 1;
    sheet.mergeCells(lineOf[row]!, column, lineOf[row + count - 1]!, column);
  }
  for (const header of options.hiddenColumns ?? []) sheet.getColumn(options.headers.indexOf(header) + 1).hidden = true;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
