import { describe, expect, it } from 'vitest';
import { readTaskTable } from '../../src/domain/task-table.ts';
import { describeProblem } from '../../src/i18n/describe-problem.ts';
import { translator } from '../../src/i18n/translate.ts';
import { readXlsxTable } from '../../src/io/xlsx-table.ts';
import { officeWorkbook } from '../support/office-workbook.ts';

const t = translator('zh-CN');
const HEADERS = ['序号', '重点工作', '牵头单位', '具体责任人', '责任领导', '完成时间', '联系电话', '备注'];

async function read(bytes: Buffer) {
  const raw = await readXlsxTable(bytes);
  if (!raw.ok) throw new Error(raw.problems.map((p) => describeProblem(t, p)).join('\n'));
  return readTaskTable(raw.table);
}

describe('an office\'s own workbook, as it is', () => {
  it('finds the task sheet behind a cover, the header under a merged title, passes over section, total and hidden rows and a hidden column, each said once', async () => {
    const bytes = await officeWorkbook({
      cover: true,
      title: '2026年区政府重点工作督办任务清单',
      headers: HEADERS,
      hiddenColumns: ['联系电话'],
      hiddenRows: [4],
      rows: [
        { section: '一、经济发展（2项）' },
        { 序号: 1, 重点工作: '老旧小区改造', 牵头单位: '区住建局', 具体责任人: '王强', 责任领导: '李副区长', 完成时间: '2026-12-31', 联系电话: '13800000000', 备注: '续建' },
        { 序号: 2, 重点工作: '招商引资', 牵头单位: '区商务局', 具体责任人: '赵敏', 责任领导: '陈区长', 完成时间: new Date(Date.UTC(2026, 5, 30)) },
        { section: '二、民生保障（1项）' },
        { 序号: 3, 重点工作: '已取消的事项', 牵头单位: '区民政局', 具体责任人: '孙丽', 责任领导: '陈区长', 完成时间: '2026-09-30' },
        { 序号: 3, 重点工作: '社区食堂', 牵头单位: '区民政局', 具体责任人: '孙丽', 责任领导: '陈区长', 完成时间: '2026-09-30' },
        { total: '合计' },
      ],
    });
    const table = await read(bytes);
    if (!table.ok) throw new Error(table.problems.map((p) => describeProblem(t, p)).join('\n'));
    expect(table.rows.map((row) => [row.line, row.title, row.unit, row.owner, row.leader, row.due])).toEqual([
      [4, '老旧小区改造', '区住建局', '王强', '李副区长', '2026-12-31'],
      [5, '招商引资', '区商务局', '赵敏', '陈区长', '2026-06-30'],
      [8, '社区食堂', '区民政局', '孙丽', '陈区长', '2026-09-30'],
    ]);
    const notes = table.notes.map((note) => describeProblem(t, note));
    expect(notes).toEqual([
      '读取的是工作表“任务清单”（表头在第 2 行）；略过的工作表：“封面”',
      '隐藏的行未导入：第 7 行',
      '第 2 行：隐藏的列未导入：G「联系电话」',
      '第 2 行：这些列督办用不到，已略过（数据未导入）：H「备注」。督办读取的列：编号、事项、责任单位、配合单位、责任人、分管领导、完成时限、开始时间、时间节点、目标、类别、位置、公开、单位类型',
      '分类标题行已略过：第 3、6 行（一、经济发展（2项））',
      '合计行已略过：第 9 行',
      `表格没有“编号”列：已按责任单位和事项为 3 项生成编号（如 ${table.rows[0]!.code} 老旧小区改造）。导出的表格带编号列；下次导入同一张表（有无编号列均可），仍对应同样的事项`,
    ]);
  });

  it('reads a cell merged down several rows (one unit, one leader for a run of tasks) as the value of each', async () => {
    const bytes = await officeWorkbook({
      headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'],
      rows: [
        { 编号: 'A', 事项: 'a', 责任单位: '区住建局', 责任人: '王强', 分管领导: '陈区长', 完成时限: '2026-06-30' },
        { 编号: 'B', 事项: 'b', 责任单位: null, 责任人: '李娜', 分管领导: null, 完成时限: '2026-07-31' },
        { 编号: 'C', 事项: 'c', 责任单位: null, 责任人: '王强', 分管领导: null, 完成时限: '2026-08-31' },
      ],
      mergedDown: [{ header: '责任单位', row: 0, count: 3 }, { header: '分管领导', row: 0, count: 3 }],
    });
    const table = await read(bytes);
    if (!table.ok) throw new Error(table.problems.map((p) => describeProblem(t, p)).join('\n'));
    expect(table.rows.map((row) => [row.code, row.unit, row.owner, row.leader])).toEqual([
      ['A', '区住建局', '王强', '陈区长'],
      ['B', '区住建局', '李娜', '陈区长'],
      ['C', '区住建局', '王强', '陈区长'],
    ]);
  });

  it('takes an 编号 column that only counts the rows for the 序号 it is, and derives codes instead', async () => {
    const rows = (titles: string[]) => titles.map((title, i) => ({ 编号: i + 1, 事项: title, 责任单位: '区住建局', 责任人: '王强', 分管领导: '陈区长', 完成时限: '2026-06-30' }));
    const first = await read(await officeWorkbook({ headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'], rows: rows(['a', 'b', 'c']) }));
    const renumbered = await read(await officeWorkbook({ headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'], rows: rows(['c', 'a']) }));
    if (!first.ok || !renumbered.ok) throw new Error('refused');
    expect(first.notes.map((note) => describeProblem(t, note))[0]).toBe('第 1 行：“编号”列是 1、2、3…… 的顺序号，不能作为事项的编号（明年重新编号，报送记录就会张冠李戴），已略过');
    const codeOf = (table: typeof first, title: string) => table.rows.find((row) => row.title === title)!.code;
    expect(codeOf(renumbered, 'a')).toBe(codeOf(first, 'a'));
    expect(codeOf(renumbered, 'c')).toBe(codeOf(first, 'c'));
    expect(codeOf(first, 'a')).not.toBe('1');
  });

  it('refuses a required column the clerk hid, naming its letter, once', async () => {
    const bytes = await officeWorkbook({
      headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'],
      hiddenColumns: ['责任人'],
      rows: [{ 编号: 'A-1', 事项: 'x', 责任单位: 'U', 责任人: 'P', 分管领导: 'L', 完成时限: '2026-06-30' }],
    });
    const table = await read(bytes);
    expect(table.ok).toBe(false);
    if (table.ok) return;
    expect(table.sheet).toBe('任务清单');
    expect(table.problems.map((p) => describeProblem(t, p))).toEqual(['第 1 行：“责任人”在隐藏的 D 列中；督办不读取隐藏的列，请在 Excel 中取消隐藏后重新导入']);
  });

  it('names the row and the column letter of a bad cell, not a title row\'s line', async () => {
    const bytes = await officeWorkbook({
      title: '2026年督办任务',
      headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'],
      rows: [{ 编号: 'A-1', 事项: 'x', 责任单位: 'U', 责任人: '', 分管领导: 'L', 完成时限: '2026-06-30' }],
    });
    const table = await read(bytes);
    expect(table.ok).toBe(false);
    if (table.ok) return;
    expect(table.problems.map((p) => describeProblem(t, p))).toEqual(['第 3 行 D 列「责任人」：必填，不能为空']);
  });

  it('reads deadlines as offices write them, the year from the title where the cell has none, and says how each was read', async () => {
    const rows = [
      ['2026年6月底前', '2026-06-30'], ['6月30日前', '2026-06-30'], ['2026年底', '2026-12-31'], ['2026年二季度', '2026-06-30'],
      ['2026年6月', '2026-06-30'], ['2026年12月底前完成', '2026-12-31'], ['２０２６．９．３０', '2026-09-30'], ['长期坚持', null], ['持续推进', null], ['下半年', '2026-12-31'],
    ];
    const bytes = await officeWorkbook({
      title: '2026年区政府重点工作督办任务清单',
      headers: ['重点工作', '牵头单位', '具体责任人', '分管区领导', '时限要求'],
      rows: rows.map(([written], i) => ({ 重点工作: `事项${i}`, 牵头单位: '区发改局', 具体责任人: '张伟', 分管区领导: "李副区长", 时限要求: written! })),
    });
    const table = await read(bytes);
    if (!table.ok) throw new Error(table.problems.map((p) => describeProblem(t, p)).join('\n'));
    expect(table.rows.map((row) => row.due)).toEqual(rows.map(([, due]) => due));
    const notes = table.notes.map((note) => describeProblem(t, note));
    expect(notes).toContain('第 3 行 E 列「时限要求」：“2026年6月底前”按 2026-06-30 读取（当月最后一天）');
    expect(notes).toContain('第 4 行 E 列「时限要求」：“6月30日前”按 2026-06-30 读取（年份取自表格标题 2026 年）');
    expect(notes).toContain('第 10 行 E 列「时限要求」：“长期坚持”读作长期任务：不设完成时限、不计逾期，每周照常报送');
    expect(notes.filter((note) => note.includes('2026年6月底前'))).toHaveLength(1);
  });

  it('refuses a deadline without a year when the title gives none, and one it cannot read, naming row and column letter', async () => {
    const bytes = await officeWorkbook({
      headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'],
      rows: [
        { 编号: 'A', 事项: 'a', 责任单位: 'U', 责任人: '张伟', 分管领导: '李副区长', 完成时限: '6月底前' },
        { 编号: 'B', 事项: 'b', 责任单位: 'U', 责任人: '张伟', 分管领导: '李副区长', 完成时限: '尽快' },
      ],
    });
    const table = await read(bytes);
    expect(table.ok).toBe(false);
    if (table.ok) return;
    expect(table.problems.map((p) => describeProblem(t, p))).toEqual([
      '第 2 行 F 列「完成时限」：“6月底前”没有写年份，表格标题中也没有年份；请写成“2026年6月底前”这样带年份的时限',
      expect.stringContaining('第 3 行 F 列「完成时限」：“尽快”不是可识别的日期'),
    ]);
  });

  it('reads several people in a cell as several, a lead unit with its co-units, and takes out phone numbers and titles with a note', async () => {
    const bytes = await officeWorkbook({
      headers: ['编号', '工作任务', '责任单位', '责任人', '责任领导', '完成时间'],
      rows: [
        { 编号: 'A', 工作任务: 'a', 责任单位: '区发改局（牵头）、区财政局', 责任人: '张伟、李娜', 责任领导: '李副区长', 完成时间: '2026-06-30' },
        { 编号: 'B', 工作任务: 'b', 责任单位: '牵头：区住建局；配合：区城管局、各街道', 责任人: '周杰（13800000000）', 责任领导: '王明副区长\n陈区长', 完成时间: '2026-06-30' },
        { 编号: 'C', 工作任务: 'c', 责任单位: '区民政局、区卫健局', 责任人: '孙丽 赵敏', 责任领导: '陈区长', 完成时间: '2026-06-30' },
      ],
    });
    const table = await read(bytes);
    if (!table.ok) throw new Error(table.problems.map((p) => describeProblem(t, p)).join('\n'));
    expect(table.rows.map(({ unit, coUnits, owner, coOwners, leader, coLeaders }) => ({ unit, coUnits, owner, coOwners, leader, coLeaders }))).toEqual([
      { unit: '区发改局', coUnits: ['区财政局'], owner: '张伟', coOwners: ['李娜'], leader: '李副区长', coLeaders: [] },
      { unit: '区住建局', coUnits: ['区城管局', '各街道'], owner: '周杰', coOwners: [], leader: '王明', coLeaders: ['陈区长'] },
      { unit: '区民政局', coUnits: ['区卫健局'], owner: '孙丽', coOwners: ['赵敏'], leader: '陈区长', coLeaders: [] },
    ]);
    const notes = table.notes.map((note) => describeProblem(t, note));
    expect(notes).toContain('第 2 行 D 列「责任人」：“张伟、李娜”读作 2 人：张伟、李娜；由 张伟 报送，其他人一并列为责任人');
    expect(notes).toContain('第 3 行 D 列「责任人」：“周杰（13800000000）”中的“13800000000”不是姓名，已去掉（电话、职务请另列一栏）');
    expect(notes).toContain('第 2 行 C 列「责任单位」：“区发改局（牵头）、区财政局”读作牵头单位 区发改局，配合单位 区财政局');
    expect(notes).toContain('第 4 行 C 列「责任单位」：“区民政局、区卫健局”没有标明牵头单位，按第一个 区民政局 为牵头单位，区卫健局 为配合单位；如不对，请在牵头单位后写“（牵头）”');
  });
});
