import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { writeTableFile } from '../../src/io/table-file.ts';
import { taskSheet } from '../../src/io/task-sheet.ts';
import { allTaskRecords } from '../../src/store/export-tasks.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';

const AT = new Date('2025-01-10T02:00:00Z');

async function snapshot(db: Db) {
  const tasks = (await allTaskRecords(db)).map(({ progress: _p, lastReportAt: _l, ...task }) => task);
  const people = await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select(['people.name', 'units.name as unit', 'units.kind']).orderBy('units.name').orderBy('people.name').execute();
  return { tasks, people };
}

async function exportTo(db: Db, extension: 'csv' | 'xlsx'): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'duban-export-')), `一张表.${extension}`);
  await writeTableFile(file, taskSheet(await allTaskRecords(db), { language: 'zh', t: translator('zh-CN'), timeZone: 'Asia/Shanghai' }));
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

  it('keeps two people named 张伟 in two units apart, and one leader across units as one person', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/district-table.csv', AT);
    const { people } = await snapshot(db);
    expect(people.filter((p) => p.name === '张伟').map((p) => p.unit).sort()).toEqual(['区民政局', '瓯江街道']);
    expect(people.filter((p) => p.name === '王建国')).toEqual([{ name: '王建国', unit: '区领导班子', kind: 'leadership' }]);
    await db.destroy();
  });

  it('writes a workbook an office would print: frozen header, widths, dates as date cells', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/district-table.csv', AT);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exportTo(db, 'xlsx'));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('督办事项');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).values).toContain('完成时限');
    const dueColumn = (sheet.getRow(1).values as string[]).indexOf('完成时限');
    expect(sheet.getRow(2).getCell(dueColumn).value).toBeInstanceOf(Date);
    expect((sheet.getRow(2).getCell(dueColumn).value as Date).toISOString().slice(0, 10)).toBe('2025-12-31');
    for (const column of sheet.columns) expect(column.width).toBeGreaterThanOrEqual(8);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    await db.destroy();
  });
});
