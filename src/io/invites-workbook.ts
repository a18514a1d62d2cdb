import ExcelJS from 'exceljs';
import { displayWidth } from './row-heights.ts';

/** One person's line in the invites workbook; `link` is null once they are linked. */
export interface InviteRow {
  unit: string;
  name: string;
  role: string;
  link: string | null;
  linked: boolean;
}

/** The sheet's name, its column headers and the words for linked or not, translated by the caller. */
export interface InvitesHeaders {
  sheet: string;
  unit: string;
  name: string;
  role: string;
  link: string;
  linked: string;
  yes: string;
  no: string;
}

const FONT = { name: '宋体', size: 10.5 };
/** Column widths in the spreadsheet's unit (a Calibri digit; a CJK character takes two): room for the longest value, within bounds. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/**
 * The invites as a workbook the admin filters and mails around: one row per person, by unit
 * then name (Chinese collation, so a unit's people read in the order a Chinese list would),
 * the header bold, frozen and filtered.
 */
export async function writeInvitesWorkbook(entries: readonly InviteRow[], headers: InvitesHeaders): Promise<Buffer> {
  const collator = new Intl.Collator('zh-Hans-CN');
  const sorted = [...entries].sort((a, b) => collator.compare(a.unit, b.unit) || collator.compare(a.name, b.name));
  const rows = sorted.map((entry) => [entry.unit, entry.name, entry.role, entry.link ?? '', entry.linked ? headers.yes : headers.no]);
  const titles = [headers.unit, headers.name, headers.role, headers.link, headers.linked];

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(headers.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = titles.map((title, index) => ({
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...[title, ...rows.map((row) => row[index]!)].map((value) => Math.ceil(displayWidth(value)) + 2))),
  }));
  sheet.addRow(titles).font = { ...FONT, bold: true };
  for (const row of rows) sheet.addRow(row).font = FONT;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
