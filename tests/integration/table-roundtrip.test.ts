import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { defaultThresholds } from '../../src/domain/status.ts';
import { currentLights } from '../../src/flows/table-lights.ts';
import { translator } from '../../src/i18n/translate.ts';
import { readTaskTableFile } from '../../src/io/read-task-table.ts';
import { writeTableFile } from '../../src/io/table-file.ts';
import { taskSheet } from '../../src/io/task-sheet.ts';
import { allTaskRecords } from '../../src/store/export-tasks.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';
import { REPORTED_NOW, reportedDistrict } from '../support/reported-district.ts';

const AT = new Date('2025-01-10T02:00:00Z');

async function snapshot(db: Db) {
  const tasks = (await allTaskRecords(db)).map(({ progress: _p, lastReportAt: _l, latest: _r, ...task }) => task);
  const people = await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select(['people.name', 'units.name as unit', 'units.kind']).orderBy('units.name').orderBy('people.name').execute();
  return { tasks, people };
}

/** Exports as `cli export` does: titled, with each task's light today (none before a cycle opens). */
async function exportTo(db: Db, extension: 'csv' | 'xlsx', now = new Date('2025-01-10T02:00:00Z')): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'duban-export-')), `一张表.${extension}`);
  const statuses = await currentLights(db, { timezone: 'Asia/Shanghai', thresholds: defaultThresholds, holidays: 'cn' }, now);
  const title = '督办事项进展情况表 · 2026年6月10日导出';
  await writeTableFile(file, taskSheet(await allTaskRecords(db), { language: 'zh', t: translator('zh-CN'), timeZone: 'Asia/Shanghai', statuses, title }));
  return file;
}

/** The district's table goes into a real SQLite file, out as CSV and XLSX, and into a fresh database unchanged. */
describe('the one table, in and out', () => {
  it.each(['csv', 'xlsx'] as const)('exports to .%s and imports back into an empty database with the same tasks, people and milestones', async (extension) => {
    const original = await freshDatabase();
    await importFixture(original.db, 'tests/fixtures/district-table.csv', AT);
    const before = await snapshot(original.db);
    expect(before.tasks).toHaveLength(6);
    expect(before.tasks.find((task) => task.code === 'ZX-01')).toMatchObject({
      title: '城中村改造：西片区启动', unit: '瓯江街道', owner: '张伟', leader: '王建国', start: '2025-01-06', due: '2025-12-31',
      milestones: [
        { due: '2025-03-31', description: '完成入户调查' },
        { due: '2025-06-30', description: '启动首批12个' },
        { due: '2025-09-30', description: '完成签约120户' },
      ],
      target: '完成12个城中村改造启动', category: '十件实事', location: { lat: 27.99, lng: 120.7 }, isPublic: true,
    });
    expect(before.tasks.find((task) => task.code === 'ZX-04')).toMatchObject({ title: '企业服务"百日克难"行动', isPublic: false, milestones: [] });

    const file = await exportTo(original.db, extension);
    const copy = await freshDatabase();
    await importFixture(copy.db, file, new Date('2026-03-01T00:00:00Z'));
    expect(await snapshot(copy.db)).toEqual(before);
    await original.db.destroy();
    await copy.db.destroy();
  });

  it.each(['csv', 'xlsx'] as const)(
    'exports a reported table (lights, reasons, 进展情况, done marks, shares) to .%s and imports back the same tasks and milestones',
    async (extension) => {
      const original = await freshDatabase();
      await reportedDistrict(original.db, 12);
      const before = await snapshot(original.db);
      const first = before.tasks.find((task) => task.code === 'DB-001')!;
      expect(first.milestones).toEqual([
        { due: '2026-05-31', description: '方案报批', share: null, doneOn: '2026-06-05' },
        { due: '2026-06-30', description: '完成投资210亿元', share: 50, doneOn: null },
        { due: '2026-09-30', description: '主体工程完工', share: 80, doneOn: null },
      ]);
      expect(before.tasks.find((task) => task.code === 'DB-002')!.milestones[0]).toEqual({ due: '2026-04-30', description: '完成入户调查', share: null, doneOn: '2026-04-28' });

      const file = await exportTo(original.db, extension, REPORTED_NOW);
      const text = extension === 'csv' ? readFileSync(file, 'utf8') : '';
      if (extension === 'csv') {
        // The same columns as the workbook, without its title: the header row comes first.
        expect(text.startsWith('\uFEFF序号,编号,事项,责任单位,责任人,分管领导,完成时限,时间节点,红黄绿灯,原因,进展情况,配合单位,目标,类别,单位类型,位置,公开,开始时间,状态,进度,最近报送')).toBe(true);
        // One milestone a line, quoted: Excel starts a row at a bare new line outside quotes.
        expect(text).toContain(',"2026-05-31 方案报批（已完成 2026-06-05）\n2026-06-30 完成投资210亿元 50%');
        expect(text).toContain('黄灯');
        expect(text).toContain('进度 20%，2026-06-10 报送');
      }
      const read = await readTaskTableFile(file);
      expect(read.ok && read.rows[0]!.line).toBe(extension === 'csv' ? 2 : 3);
      const copy = await freshDatabase();
      await importFixture(copy.db, file, new Date('2026-06-20T00:00:00Z'));
      expect(await snapshot(copy.db)).toEqual(before);
      await original.db.destroy();
      await copy.db.destroy();
    },
  );

  it('finds the header row under title rows, and names problems by the file\'s own lines', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-titled-')), 'titled.csv');
    writeFileSync(file, ['督办事项进展情况表,,,,,', '（2026年6月）,,,,,', '序号,编号,事项,责任单位,责任人,分管领导,完成时限,进展情况', '1,ZX-01,城中村改造,瓯江街道,张伟,王建国,2026-12-31,尚未报送', '2,ZX-02,固投,区发改局,李娜,王建国,2026-13-31,'].join('\n'));
    const read = await readTaskTableFile(file);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toEqual([expect.objectContaining({ line: 5, column: '完成时限', code: 'date.impossible' })]);
    writeFileSync(file, ['督办事项进展情况表', '编号,事项,责任单位,责任人,分管领导,完成时限,备注', 'ZX-01,城中村改造,瓯江街道,张伟,王建国,2026-12-31,'].join('\n'));
    const setAside = await readTaskTableFile(file);
    expect(setAside.ok && setAside.notes).toEqual([expect.objectContaining({ line: 2, code: 'header.setAside', params: expect.objectContaining({ columns: 'G「备注」' }) })]);
  });

  it('keeps two people named 张伟 in two units apart, and one leader across units as one person', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/district-table.csv', AT);
    const { people } = await snapshot(db);
    expect(people.filter((p) => p.name === '张伟').map((p) => p.unit).sort()).toEqual(['区民政局', '瓯江街道']);
    expect(people.filter((p) => p.name === '王建国')).toEqual([{ name: '王建国', unit: '区领导班子', kind: 'leadership' }]);
    await db.destroy();
  });

  it('writes a workbook an office would print: title, frozen header repeated on every page, dates as date cells, print area, page numbers', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/district-table.csv', AT);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exportTo(db, 'xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('督办事项');
    expect(sheet.getRow(1).getCell(1).value).toBe('督办事项进展情况表 · 2026年6月10日导出');
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true, size: 16 });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    expect(headers.slice(0, 11)).toEqual(['序号', '编号', '事项', '责任单位', '责任人', '分管领导', '完成时限', '时间节点', '红黄绿灯', '原因', '进展情况']);
    expect(headers.slice(11)).toEqual(['配合单位', '目标', '类别', '单位类型', '位置', '公开', '开始时间', '状态', '进度', '最近报送', '延期记录']);
    const dueColumn = headers.indexOf('完成时限') + 1;
    expect(sheet.getRow(3).getCell(1).value).toBe(1);
    expect(sheet.getRow(3).getCell(dueColumn).value).toBeInstanceOf(Date);
    expect((sheet.getRow(3).getCell(dueColumn).value as Date).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(sheet.getRow(3).getCell(headers.indexOf('进展情况') + 1).value).toBe('尚未报送');
    expect(sheet.columns.slice(0, 11).map((column) => Math.round(column.width!))).toEqual([5, 9, 18, 10, 7, 9, 12, 21, 9, 17, 24]);
    // Every row is tall enough for its wrapped text: ZX-01's three milestones take three lines or more.
    expect(sheet.getRow(3).height).toBeGreaterThanOrEqual(3 * 15);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' });
    expect(sheet.pageSetup.printArea).toMatch(/^\$?A\$?1:\$?K\$?8$/);
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    await db.destroy();
  });
});
