import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliWith, dump, freshDatabaseUrl, peakMemoryOf, query } from '../support/cli-process.ts';
import { officeWorkbook, type OfficeRow } from '../support/office-workbook.ts';
import { bombSheet, workbookParts, zipFile } from '../support/zip-files.ts';

const HEADERS = ['序号', '重点工作', '牵头单位', '具体责任人', '分管区领导', '时限要求', '联系电话', '备注'];
const TASKS: OfficeRow[] = [
  { 重点工作: '老旧小区改造', 牵头单位: '区住建局', 具体责任人: '王强', 分管区领导: '李副区长', 时限要求: '2026年12月底前完成', 联系电话: '13800000001' },
  { 重点工作: '重大项目投资', 牵头单位: '区发改局（牵头）、区财政局', 具体责任人: '张伟、李娜', 分管区领导: '陈区长', 时限要求: '2026年二季度' },
  { 重点工作: '营商环境优化', 牵头单位: '区政务服务中心', 具体责任人: '周杰（13800000000）', 分管区领导: '陈区长', 时限要求: '长期坚持' },
  { 重点工作: '社区食堂', 牵头单位: '区民政局', 具体责任人: '孙丽', 分管区领导: '李副区长', 时限要求: '6月30日前' },
];

/** The office's table as its clerk keeps it: a cover, a merged title, sections, a total, a hidden phone column, no 编号. */
function officeTable(tasks: OfficeRow[]) {
  return officeWorkbook({
    cover: true,
    title: '2026年区政府重点工作督办任务清单',
    headers: HEADERS,
    hiddenColumns: ['联系电话'],
    rows: [{ section: '一、重点项目' }, ...tasks.map((task, i) => ({ ...task, 序号: i + 1 })), { total: '合计' }],
  });
}

async function save(folder: string, name: string, bytes: Buffer | Promise<Buffer>) {
  const path = join(folder, name);
  writeFileSync(path, await bytes);
  return path;
}

describe('an office imports its own table, and again', () => {
  it('imports what the office wrote as people, units and standing tasks; the same file, reordered and one row short, matches the same tasks and withdraws only on confirmation', async () => {
    const db = await freshDatabaseUrl();
    const folder = mkdtempSync(join(tmpdir(), 'duban-office-'));
    const first = cli(db, 'import', await save(folder, '任务清单.xlsx', officeTable(TASKS)));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('事项 新增 4、更新 0、未变 0');
    expect(first.stdout).toContain('读取的是工作表“任务清单”（表头在第 2 行）；略过的工作表：“封面”');

    const tasks = async () => (await query<{ id: number; code: string; title: string; unit: string; owner: string; due: string | null; status: string }>(db, `
      select t.id, t.code, t.title, u.name as unit, p.name as owner, t.due_date as due, t.status
      from tasks t join units u on u.id = t.unit_id join people p on p.id = t.owner_id order by t.id`));
    const before = (await tasks());
    expect(before.map(({ title, unit, owner, due }) => [title, unit, owner, due])).toEqual([
      ['老旧小区改造', '区住建局', '王强', '2026-12-31'],
      ['重大项目投资', '区发改局', '张伟', '2026-06-30'],
      ['营商环境优化', '区政务服务中心', '周杰', null],
      ['社区食堂', '区民政局', '孙丽', '2026-06-30'],
    ]);
    // Every code is shown in the summary, and none comes from 序号.
    for (const task of before) expect(first.stdout).toContain(`＋ 新增 ${task.code} ${task.title}`);
    // Two people for 「张伟、李娜」, each their own invite; 区财政局 a co-unit, not a new unit named after the cell.
    expect((await query<{ name: string }>(db, "select p.name from people p join units u on u.id = p.unit_id where u.name = '区发改局' order by p.id")).map((p) => p.name)).toEqual(['张伟', '李娜']);
    expect((await query<{ name: string }>(db, 'select name from units order by name')).map((u) => u.name)).toEqual(['区住建局', '区发改局', '区政务服务中心', '区民政局', '区财政局', '区领导班子'].sort());
    expect((await query(db, "select u.name from task_co_units c join units u on u.id = c.unit_id"))).toEqual([{ name: '区财政局' }]);
    expect((await query<{ name: string }>(db, 'select name from people')).every((p) => !/\d/.test(p.name))).toBe(true);

    // The owner of the task about to be dropped has linked, so that being told can be seen.
    const dropped = before.find((task) => task.title === '社区食堂')!;
    await query(db, "update people set telegram_user_id = 5005 where name = '孙丽'");

    const reordered = [TASKS[3]!, TASKS[2]!, TASKS[0]!, TASKS[1]!].filter((task) => task.重点工作 !== '社区食堂');
    const second = await save(folder, '任务清单（第二版）.xlsx', officeTable(reordered));
    const unchanged = (await dump(db));
    const preview = cli(db, 'import', second, '--dry-run');
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('预览（尚未导入）');
    expect(preview.stdout).toContain('事项 新增 0、更新 0、未变 3');
    expect(preview.stdout).toContain('表格中不再列出 1 项');
    expect(preview.stdout).toContain(`－ ${dropped.code} 社区食堂（区民政局）`);
    expect((await dump(db))).toBe(unchanged);

    const applied = cli(db, 'import', second);
    expect(applied.stdout).toContain('仍在办、照常催报；确认撤销请加 --withdraw 再导入一次');
    expect((await tasks()).find((task) => task.id === dropped.id)!.status).toBe('open');

    const confirmed = cli(db, 'import', second, '--withdraw');
    expect(confirmed.stdout).toContain('已撤销表格中不再列出的 1 项');
    const after = (await tasks());
    expect(after.map(({ id, code, status }) => [id, code, status])).toEqual(before.map(({ id, code }) => [id, code, id === dropped.id ? 'withdrawn' : 'open']));
    const told = (await query<{ chat_id: number; payload: string }>(db, "select chat_id, payload from outbox where dedupe_key like 'withdrawn:%'"));
    expect(told).toHaveLength(1);
    expect(told[0]!.chat_id).toBe(5005);
    expect(JSON.parse(told[0]!.payload).text).toContain(`${dropped.code} 社区食堂 已从督办清单中撤销`);

    // The export writes the codes back and leaves the withdrawn task out; it imports back unchanged.
    const exported = join(folder, 'export.xlsx');
    expect(cli(db, 'export', exported).status).toBe(0);
    const again = cli(db, 'import', exported, '--dry-run');
    expect(again.stdout).toContain('事项 新增 0、更新 0、未变 3');
    expect(again.stdout).not.toContain('不再列出');
  });

  it('tells a unit newly named as a co-unit of a task, through its linked people, once and only when applied', async () => {
    const db = await freshDatabaseUrl();
    const folder = mkdtempSync(join(tmpdir(), 'duban-co-'));
    expect(cli(db, 'import', await save(folder, 'a.xlsx', officeTable(TASKS))).status).toBe(0);
    await query(db, "update people set telegram_user_id = 7001 where name = '王强'");
    const widened = TASKS.map((task) => (task.重点工作 === '重大项目投资' ? { ...task, 牵头单位: '区发改局（牵头）、区财政局、区住建局' } : task));
    const file = await save(folder, 'b.xlsx', officeTable(widened));
    const toWang = async () => (await query<{ payload: string }>(db, 'select payload from outbox where chat_id = 7001'));
    expect(cli(db, 'import', file, '--dry-run').stdout).toContain('～ 更新');
    expect((await toWang())).toEqual([]);
    expect(cli(db, 'import', file).status).toBe(0);
    expect(cli(db, 'import', file).status).toBe(0);
    expect((await toWang()).map((row) => JSON.parse(row.payload).text)).toEqual([expect.stringContaining('区住建局 被列为事项')]);
    expect(JSON.parse((await toWang())[0]!.payload).text).toContain('重大项目投资 的配合单位（牵头单位：区发改局）');
  });

  it('refuses a zip bomb and a file that is no workbook in words, within 300 MB, the database untouched', async () => {
    const db = await freshDatabaseUrl();
    const folder = mkdtempSync(join(tmpdir(), 'duban-bomb-'));
    expect(cli(db, 'migrate').status).toBe(0);
    const untouched = (await dump(db));

    const bomb = await save(folder, 'bomb.xlsx', zipFile(workbookParts(await bombSheet(1.5 * 1024 ** 3))));
    const liar = await save(folder, 'liar.xlsx', zipFile(workbookParts(await bombSheet(400 * 1024 * 1024, 2000))));
    for (const [file, words] of [[bomb, '文件解压后有 1.5 GiB，超过上限 100 MB'], [liar, '超过上限 100 MB']] as const) {
      const run = cliWith(db, { peakMemory: true }, 'import', file);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(words);
      expect(peakMemoryOf(run)).toBeLessThan(300 * 1024 * 1024);
    }
    const text = await save(folder, 'notes.xlsx', Buffer.from('这不是表格'));
    const refused = cli(db, 'import', text);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('这个文件不是 Excel 工作簿（.xlsx）');
    expect((await dump(db))).toBe(untouched);
  });
});
