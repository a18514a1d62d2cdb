import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { defaultThresholds } from '../../src/domain/status.ts';
import { currentLights } from '../../src/flows/table-lights.ts';
import { translator } from '../../src/i18n/translate.ts';
import { digestWorkbook } from '../../src/io/digest-workbook.ts';
import { printToPdf } from '../../src/io/print-preview.ts';
import { allTaskRecords } from '../../src/store/export-tasks.ts';
import { freshDatabase } from '../support/duban.ts';
import { REPORTED_NOW, reportedDistrict, type ReportedTask } from '../support/reported-district.ts';

/**
 * The smallest word box, in points, of text printed at 10 pt. Calibrated on what LibreOffice
 * writes and pdftotext measures: a word's box is 1.30 em tall for every font the table prints in
 * (Noto Sans CJK for the Chinese, DejaVu Sans standing in for 宋体's Latin, Carlito in the
 * footer), CJK or Latin alike: 13.63 pt for the body's 10.5 pt, 14.3 pt for the footer's 11 pt,
 * 20.78 pt for the title's 16 pt. So 10 pt text gives 13.0 pt boxes; the body printed at a
 * fit-to-width scale of 95% (9.98 pt) would give 12.95 and fail.
 */
const MIN_WORD_HEIGHT = 10 * 1.298;
const PRINTED_HEADERS = ['序号', '编号', '事项', '责任单位', '责任人', '分管领导', '完成时限', '时间节点', '红黄绿灯', '原因', '进展情况'];

interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
interface Page { width: number; height: number; words: Word[] }

/** The PDF's pages and words with their boxes, as `pdftotext -bbox` gives them. */
function pdfWords(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return html.split('<page ').slice(1).map((part) => {
    const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(part)!;
    const words = [...part.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'),
    }));
    return { width: Number(width), height: Number(height), words };
  });
}

const CJK_ONLY = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+$/u;

/**
 * The digest's workbook of 40 tasks with long notes, printed by LibreOffice headless to PDF, and
 * read back from the PDF: what an office would hold in its hands.
 */
describe('the printed table', () => {
  let pages: Page[];
  let tasks: ReportedTask[];
  /** Each task row's height in the workbook, in points, by its 序号. */
  let rowHeights: number[];
  /** Each task row's printed cells as the workbook holds them, blanks removed (the PDF's words have none). */
  let cells: string[][];
  /** The printed columns' widths in the workbook, in column units. */
  let columnWidths: number[];

  beforeAll(async () => {
    // Without Carlito LibreOffice measures the column unit by DejaVu Sans, a third wider than
    // Excel's, and shrinks the page to 80%: the size checks below would fail for the machine's sake.
    if (execFileSync('fc-list', ['Carlito'], { encoding: 'utf8' }).trim() === '') throw new Error('install fonts-crosextra-carlito (.ci/run does)');
    const dir = mkdtempSync(join(tmpdir(), 'duban-print-'));
    const { db } = await freshDatabase();
    tasks = await reportedDistrict(db, 40);
    const statuses = (await currentLights(db, { timezone: 'Asia/Shanghai', thresholds: defaultThresholds, holidays: 'cn' }, REPORTED_NOW))!;
    const bytes = await digestWorkbook(await allTaskRecords(db), statuses, { t: translator('zh-CN'), language: 'zh', timeZone: 'Asia/Shanghai', week: cycleWeekOf(REPORTED_NOW, 'Asia/Shanghai') });
    await db.destroy();
    const file = join(dir, '督查周报.xlsx');
    writeFileSync(file, bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.worksheets[0]!;
    rowHeights = tasks.map((_, index) => sheet.getRow(index + 3).height);
    columnWidths = PRINTED_HEADERS.map((_, index) => sheet.getColumn(index + 1).width!);
    const shown = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '')).replace(/\s+/g, '');
    cells = tasks.map((_, index) => PRINTED_HEADERS.map((__, column) => shown(sheet.getRow(index + 3).getCell(column + 1).value)));
    pages = pdfWords(await printToPdf(file, dir, 60_000));
  }, 90_000);

  it('is landscape A4, two pages or more, each with the page number in the footer', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, index) => {
      expect(page.width).toBeCloseTo(841.89, 0);
      expect(page.height).toBeCloseTo(595.3, 0);
      expect(page.words.map((word) => word.text).join(' ')).toContain(`第 ${index + 1} 页，共 ${pages.length} 页`);
    });
  });

  it('has the title on the first page and the header row on top of every page, and only the printed columns', () => {
    expect(pages[0]!.words.map((word) => word.text).join(' ')).toContain('督办事项进展情况表 · 第24周（6月8日—14日）');
    for (const page of pages) {
      const firstRow = Math.min(...page.words.filter((word) => /^\d+$/.test(word.text) && word.xMin < 80).map((word) => word.yMin));
      for (const header of PRINTED_HEADERS) expect(page.words.find((word) => word.text === header && word.yMax <= firstRow), header).toBeDefined();
    }
    // Admin and machine columns lie outside the print area: the header row holds the printed
    // columns only, and no page of the others spills sideways (every page has the header row).
    for (const page of pages) {
      const top = page.words.find((word) => word.text === '序号')!;
      expect(page.words.filter((word) => Math.abs(word.yMin - top.yMin) < 2).map((word) => word.text).sort()).toEqual([...PRINTED_HEADERS].sort());
    }
  });

  it('prints every word at 10 pt or more', () => {
    const words = pages.flatMap((page) => page.words);
    const heights = words.map((word) => word.yMax - word.yMin);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(MIN_WORD_HEIGHT - 0.01);
    // A CJK character is one em wide: a word of them measures its size without calibration.
    const sizes = words.filter((word) => CJK_ONLY.test(word.text)).map((word) => (word.xMax - word.xMin) / [...word.text].length);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
  });

  it("shows every cell of every task whole, inside its own row and column: nothing cut", () => {
    // LibreOffice writes a cell's clipped lines into the PDF too, so finding the words is not
    // enough: each cell's words must lie within its row, between its 序号 and the next row's (or,
    // last on a page, its height in the workbook below its top), and within its column.
    let found = 0;
    for (const page of pages) {
      const headers = PRINTED_HEADERS.map((header) => page.words.find((word) => word.text === header)!);
      // Headers are centred in their columns: fit the columns' left edges to the workbook's widths.
      const starts = [...columnWidths, 0].map((_, i) => columnWidths.slice(0, i).reduce((a, b) => a + b, 0));
      const centres = columnWidths.map((width, i) => starts[i]! + width / 2);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const mx = mean(centres);
      const my = mean(headers.map((word) => (word.xMin + word.xMax) / 2));
      const scale = centres.reduce((sum, c, i) => sum + (c - mx) * ((headers[i]!.xMin + headers[i]!.xMax) / 2 - my), 0) / centres.reduce((sum, c) => sum + (c - mx) ** 2, 0);
      const left = (column: number) => my + scale * (starts[column]! - mx);
      // The page's scale, from a header word: its CJK characters are 10.5 pt wide at 100%.
      const pageScale = (headers[0]!.xMax - headers[0]!.xMin) / [...headers[0]!.text].length / 10.5;
      const headerBottom = Math.max(...headers.map((word) => word.yMax));
      const serials = page.words
        .filter((word) => /^\d+$/.test(word.text) && word.xMin < left(1) && word.yMin > headerBottom)
        .sort((a, b) => a.yMin - b.yMin);
      serials.forEach((serial, i) => {
        const index = Number(serial.text) - 1;
        const { code, title, note } = tasks[index]!;
        const top = serial.yMin - 2;
        const bottom = i + 1 < serials.length ? serials[i + 1]!.yMin - 2 : top + rowHeights[index]! * pageScale;
        const cell = (column: number) =>
          page.words
            .filter((word) => word.yMin >= top && word.yMin < bottom && word.xMin >= left(column) - 1 && word.xMin < left(column + 1) - 1)
            .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
        PRINTED_HEADERS.forEach((header, column) => {
          const words = cell(column);
          expect(words.map((word) => word.text).join(''), `${code} ${header}`).toBe(cells[index]![column]);
          for (const word of words) expect(word.yMax, `${code} ${header}: “${word.text}” below its row`).toBeLessThanOrEqual(bottom);
        });
        expect(cells[index]![2]).toBe(title);
        expect(cells[index]![10]).toContain((note ?? '尚未报送').replace(/\s+/g, ''));
        found += 1;
      });
    }
    expect(found).toBe(40);
  });
});
