import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeProblem } from '../../src/i18n/describe-problem.ts';
import { translator } from '../../src/i18n/translate.ts';
import { checkWorkbook, checkWorkbookFully, humanBytes, WORKBOOK_LIMITS } from '../../src/io/workbook-guard.ts';
import { BOMB_SIZE, bombSheet, sheetXml, workbookParts, XML, zipFile } from '../support/zip-files.ts';

async function excelReads(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return String(workbook.worksheets[0]!.getCell('B2').value);
}

describe('checkWorkbook', () => {
  let bomb: Buffer;
  let folder: string;
  beforeAll(async () => {
    bomb = zipFile(workbookParts(await bombSheet()));
    folder = mkdtempSync(join(tmpdir(), 'workbook-guard-'));
  });

  describe('lets a workbook through', () => {
    it('written by ExcelJS', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('督办事项');
      sheet.addRow(['编号', '事项', '责任单位', '完成时限']);
      for (let i = 1; i <= 200; i++) sheet.addRow([`D-${i}`, `事项 ${i}`, '区住建局', new Date(Date.UTC(2025, 5, i % 28 + 1))]);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      expect(checkWorkbook(bytes)).toBeNull();
    });

    it('written here, as ExcelJS also reads it: deflated, stored, ZIP64, with a comment, after prepended bytes', async () => {
      const variants = [
        zipFile(workbookParts()),
        zipFile(workbookParts().map((entry) => ({ ...entry, stored: true }))),
        zipFile(workbookParts(), { zip64: true }),
        zipFile(workbookParts(), { comment: 'made by 督办' }),
        zipFile(workbookParts(), { prefix: Buffer.from('MZ self-extractor stub ') }),
      ];
      for (const bytes of variants) {
        expect(await excelReads(bytes)).toBe('修路');
        expect(checkWorkbook(bytes)).toBeNull();
      }
    });

    it('whose sheet has 50,000 rows, or names no dimension at all', () => {
      expect(checkWorkbook(zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1:K50000') })))).toBeNull();
      expect(checkWorkbook(zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1:B2').replace(/<dimension[^>]*>/, '') })))).toBeNull();
    });
  });

  describe('refuses a zip bomb (file.tooLarge)', () => {
    it('whose sheet declares 1.5 GiB unpacked in a 1.5 MB file', () => {
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      expect(checkWorkbook(bomb)).toEqual({ line: null, column: null, code: 'file.tooLarge', params: { size: '1.5 GiB', limit: '100 MB' } });
    });

    it('whose entries sum to more than 100 MB', () => {
      const parts = workbookParts(undefined, [60, 50].map((mb, i) => ({ name: `xl/media/image${i}.png`, packed: randomBytes(mb * 10_000), size: mb * 1024 * 1024, crc: 0 })));
      expect(checkWorkbook(zipFile(parts))?.params).toEqual({ size: '110 MB', limit: '100 MB' });
    });

    it('with one entry packed more than 200:1', () => {
      const image = { name: 'xl/media/image1.png', data: Buffer.alloc(2 * 1024 * 1024) };
      const problem = checkWorkbook(zipFile(workbookParts(undefined, [image])));
      expect(problem).toMatchObject({ code: 'file.tooLarge', params: { size: '2 MB' } });
      // but a 1 MB entry may pack as tightly as it likes
      expect(checkWorkbook(zipFile(workbookParts(undefined, [{ ...image, data: Buffer.alloc(1024 * 1024) }])))).toBeNull();
    });

    it('of more than 2000 entries, even when the end record declares fewer', () => {
      const many = Array.from({ length: 2001 }, (_, i) => ({ name: `xl/media/a${i}.txt`, data: 'x' }));
      expect(checkWorkbook(zipFile(workbookParts(undefined, many)))).toMatchObject({ code: 'file.tooLarge', params: { size: 2006, limit: 2000 } });
      expect(checkWorkbook(zipFile(workbookParts(undefined, many), { declaredCount: 5 }))).toMatchObject({ code: 'file.tooLarge', params: { size: 2006 } });
    });

    it('that hides its bomb behind an end record declaring fewer entries (JSZip reads them all)', async () => {
      const hidden = { name: 'xl/media/image1.png', packed: Buffer.alloc(1000), size: 1024 ** 3, crc: 0 };
      expect(checkWorkbook(zipFile(workbookParts(undefined, [hidden]), { declaredCount: 5 }))).toMatchObject({ code: 'file.tooLarge', params: { size: '1 GiB' } });
    });

    it('that declares its sizes in ZIP64 records', () => {
      const huge = { name: 'xl/media/image1.png', packed: Buffer.alloc(1000), size: 5 * 1024 ** 3, crc: 0 };
      expect(checkWorkbook(zipFile(workbookParts(undefined, [huge]), { zip64: true }))?.params).toEqual({ size: '5 GiB', limit: '100 MB' });
    });

    it('larger than 20 MB as sent', () => {
      expect(checkWorkbook(Buffer.alloc(21 * 1024 * 1024))).toMatchObject({ code: 'file.tooLarge', params: { size: '21 MB', limit: '20 MB' } });
    });
  });

  describe('refuses a sheet of too many rows (file.tooManyRows)', () => {
    it('as its <dimension> declares it, deflated or stored', () => {
      const sheet = { name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1:F3000000') };
      const expected = { line: null, column: null, code: 'file.tooManyRows', params: { rows: 3_000_000, limit: 50_000 } };
      expect(checkWorkbook(zipFile(workbookParts(sheet)))).toEqual(expected);
      expect(checkWorkbook(zipFile(workbookParts({ ...sheet, stored: true })))).toEqual(expected);
    });

    it('in any of the sheets, under any namespace prefix', () => {
      const second = { name: 'xl/worksheets/sheet2.xml', data: sheetXml('A1:B2').replace('<dimension ref="A1:B2"/>', '<x:dimension ref="$A$1:$K$60001"/>') };
      expect(checkWorkbook(zipFile(workbookParts(undefined, [second])))?.params).toEqual({ rows: 60_001, limit: 50_000 });
    });

    it('written by ExcelJS', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('督办事项');
      for (let i = 1; i <= 50_001; i++) sheet.addRow([i]);
      expect(checkWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()))?.params).toEqual({ rows: 50_001, limit: 50_000 });
    });

    it('inflating no more than 64 KiB of a sheet whose head packs tightly', () => {
      // 40 KB of blanks before the dimension, then 900 KB that do not pack: the first 64 KiB packed
      // unpack to more than 64 KiB, so the guard takes less of them.
      const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>${randomBytes(450_000).toString('hex')}</t></is></c></row>`;
      const data = sheetXml('A1:F3000000', rows).replace('<dimension', `${' '.repeat(40_000)}<dimension`);
      expect(checkWorkbook(zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data })))?.code).toBe('file.tooManyRows');
      // A dimension beyond the first 64 KiB is not looked for.
      const late = sheetXml('A1:F3000000').replace('<dimension', `${' '.repeat(70_000)}<dimension`);
      expect(checkWorkbook(zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: late })))).toBeNull();
    });
  });

  describe('refuses what is no workbook (file.notWorkbook)', () => {
    const notWorkbook = { line: null, column: null, code: 'file.notWorkbook' };

    it('random bytes, an empty file, a renamed text file, an old .xls', () => {
      expect(checkWorkbook(randomBytes(100_000))).toEqual(notWorkbook);
      expect(checkWorkbook(new Uint8Array(0))).toEqual(notWorkbook);
      expect(checkWorkbook(Buffer.from('编号,事项,责任单位\nD-1,修路,区住建局\n'))).toEqual(notWorkbook);
      expect(checkWorkbook(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]))).toEqual(notWorkbook);
    });

    it('a zip of something else: a .docx', () => {
      const docx = zipFile([
        { name: '[Content_Types].xml', data: `${XML}<Types/>` },
        { name: 'word/document.xml', data: `${XML}<w:document/>` },
      ]);
      expect(checkWorkbook(docx)).toEqual(notWorkbook);
    });

    it('a workbook cut short, or whose directory points past its end', () => {
      const whole = zipFile(workbookParts());
      expect(checkWorkbook(whole.subarray(0, whole.length - 30))).toEqual(notWorkbook);
      expect(checkWorkbook(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual(notWorkbook);
      const broken = Buffer.from(whole);
      broken.writeUInt32LE(0xfffff, broken.length - 6); // the central directory's offset
      expect(checkWorkbook(broken)).toEqual(notWorkbook);
    });

    it('a workbook whose sheet is no deflate stream', () => {
      const garbage = { name: 'xl/worksheets/sheet1.xml', packed: Buffer.from('ffffffffffffffff', 'hex'), size: 100, crc: 0 };
      expect(checkWorkbook(zipFile(workbookParts(garbage)))).toEqual(notWorkbook);
    });
  });

  describe('unpacks every entry as a stream to catch a zip whose declared sizes lie (checkWorkbookFully)', () => {
    it('refuses a sheet that declares 1000 bytes and unpacks to 200 MB, having unpacked no more than it declared', async () => {
      const liar = zipFile(workbookParts(await bombSheet(200 * 1024 * 1024, 1000)));
      expect(checkWorkbook(liar)).toBeNull();
      expect(await checkWorkbookFully(liar)).toMatchObject({ code: 'file.tooLarge', params: { limit: '100 MB' } });
    });

    it('refuses a sheet whose <dimension> says one row and which holds 60,000', async () => {
      const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
      const liar = zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1', rows) }));
      expect(checkWorkbook(liar)).toBeNull();
      expect(await checkWorkbookFully(liar)).toMatchObject({ code: 'file.tooManyRows' });
    });

    it('says a zip whose entry\'s local header is broken is no workbook, rather than throwing', async () => {
      const zip = zipFile(workbookParts());
      const broken = Buffer.from(zip);
      // The first entry ([Content_Types].xml) is not a sheet: only the full check reads its local header.
      broken.writeUInt32LE(0xdeadbeef, 0);
      expect(await checkWorkbookFully(broken)).toEqual({ line: null, column: null, code: 'file.notWorkbook' });
    });

    it('lets an honest workbook through', async () => {
      expect(await checkWorkbookFully(zipFile(workbookParts()))).toBeNull();
    });
  });

  it('says why, in the user\'s language', () => {
    const zh = describeProblem(translator('zh-CN'), checkWorkbook(bomb)!);
    expect(zh).toContain('1.5 GiB');
    expect(zh).toContain('100 MB');
    expect(describeProblem(translator('en'), checkWorkbook(Buffer.from('not a zip'))!)).toContain('not an Excel workbook');
    const rows = checkWorkbook(zipFile(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1:F3000000') })))!;
    expect(describeProblem(translator('zh-CN'), rows)).toContain('工作表有 3000000 行，超过上限 50000 行');
  });

  it('sizes in words: 1.5 GiB, 100 MB, 512 KB', () => {
    expect([BOMB_SIZE, WORKBOOK_LIMITS.maxUnpackedBytes, 150.34 * 1024 ** 2, 512 * 1024, 17].map(humanBytes)).toEqual(['1.5 GiB', '100 MB', '150.3 MB', '512 KB', '17 B']);
  });

  it('refuses the bomb within 300 MB of memory, in a process of its own', async () => {
    const path = join(folder, 'bomb.xlsx');
    writeFileSync(path, bomb);
    const guard = new URL('../../src/io/workbook-guard.ts', import.meta.url).href;
    const script = `
      import { readFileSync } from 'node:fs';
      const { checkWorkbook } = await import(${JSON.stringify(guard)});
      const problem = checkWorkbook(readFileSync(process.env.BOMB));
      console.log(JSON.stringify({ problem, maxRssKb: process.resourceUsage().maxRSS }));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { env: { PATH: process.env.PATH, BOMB: path }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const { problem, maxRssKb } = JSON.parse(output) as { problem: { code: string }; maxRssKb: number };
    expect(problem.code).toBe('file.tooLarge');
    expect(maxRssKb * 1024).toBeLessThan(300 * 1024 * 1024);
  });
});
