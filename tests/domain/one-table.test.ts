import { describe, expect, it } from 'vitest';
import { parseCalendarDate, type CalendarDate } from '../../src/domain/calendar-date.ts';
import { parseLocation } from '../../src/domain/location.ts';
import { formatMilestones, parseMilestones } from '../../src/domain/milestone.ts';
import { readTaskTable, type RawTable } from '../../src/domain/task-table.ts';

const table = (headers: string[], ...rows: (string | number | Date | null)[][]): RawTable => ({ headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });
const ok = <T>(result: { ok: true; value: T } | { ok: false }) => (result.ok ? result.value : undefined);

describe('dates as officials write them', () => {
  it.each([
    ['2025-06-30', '2025-06-30'],
    ['2025/6/30', '2025-06-30'],
    ['2025年6月30日', '2025-06-30'],
    ['2025年6月3日', '2025-06-03'],
    ['2025.6.30', '2025-06-30'],
    ['２０２５年６月３０日', '2025-06-30'],
    [' 2024-02-29 ', '2024-02-29'],
  ])('reads %s', (written, day) => expect(ok(parseCalendarDate(written))).toBe(day));

  it('reads Excel date cells and serial numbers', () => {
    expect(ok(parseCalendarDate(new Date(Date.UTC(2025, 5, 30))))).toBe('2025-06-30');
    expect(ok(parseCalendarDate(45838))).toBe('2025-06-30');
  });

  it('says an impossible date does not exist, and an unreadable one how to write it', () => {
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025年4月31日']) expect(parseCalendarDate(bad)).toMatchObject({ ok: false, code: 'date.impossible' });
    for (const bad of ['下周五', '30/06/2025', '2025-06', '']) expect(parseCalendarDate(bad)).toMatchObject({ ok: false, code: 'date.format' });
  });
});

describe('milestones and locations', () => {
  it('reads milestones separated by ; ； or new lines, in date order, descriptions as written', () => {
    expect(ok(parseMilestones('2025-09-30 完成签约，共120户；2025/3/31 入户调查\n2025年6月30日启动首批12个; '))).toEqual([
      { due: '2025-03-31', description: '入户调查', share: null },
      { due: '2025-06-30', description: '启动首批12个', share: null },
      { due: '2025-09-30', description: '完成签约，共120户', share: null },
    ]);
    expect(parseMilestones('完成签约 2025-09-30')).toMatchObject({ ok: false, code: 'milestone.format' });
    expect(parseMilestones('2025-02-30 x')).toMatchObject({ ok: false, code: 'date.impossible' });
  });

  it('reads a share of the task after the words, and a done mark as export writes it or an office marks it', () => {
    expect(ok(parseMilestones('2026-06-30 完成210亿元 50%；2026-09-30 完成320亿元 76.2％'))).toEqual([
      { due: '2026-06-30', description: '完成210亿元', share: 50 },
      { due: '2026-09-30', description: '完成320亿元', share: 76.2 },
    ]);
    expect(ok(parseMilestones('2026-05-31 方案报批（已完成 2026-06-09）；2026-06-30 完成招标 ✅；2026-07-31 上线 60% (done 2026/7/30)'))).toEqual([
      { due: '2026-05-31', description: '方案报批', share: null, doneOn: '2026-06-09' },
      { due: '2026-06-30', description: '完成招标', share: null, doneOn: null },
      { due: '2026-07-31', description: '上线', share: 60, doneOn: '2026-07-30' },
    ]);
    // A percent that is part of the words (no space before it) stays in the words.
    expect(ok(parseMilestones('2026-06-30 投资率达到60%'))).toEqual([{ due: '2026-06-30', description: '投资率达到60%', share: null }]);
  });

  it('refuses a share out of range or shares that do not grow with the dates', () => {
    expect(parseMilestones('2026-06-30 完成 120%')).toMatchObject({ ok: false, code: 'milestone.shareRange' });
    expect(parseMilestones('2026-06-30 一 50%；2026-09-30 二 40%')).toMatchObject({ ok: false, code: 'milestone.shareOrder' });
  });

  it('writes milestones back in a form it reads again', () => {
    const written = formatMilestones(
      [{ due: '2026-05-31' as CalendarDate, description: '方案报批', share: 30, doneOn: '2026-06-09' as CalendarDate }, { due: '2026-08-31' as CalendarDate, description: '挂牌', share: null, doneOn: null }],
      '；',
      (on) => `（已完成 ${on}）`,
    );
    expect(written).toBe('2026-05-31 方案报批 30%（已完成 2026-06-09）；2026-08-31 挂牌');
    expect(ok(parseMilestones(written))).toEqual([
      { due: '2026-05-31', description: '方案报批', share: 30, doneOn: '2026-06-09' },
      { due: '2026-08-31', description: '挂牌', share: null },
    ]);
  });

  it('reads lat,lng with either comma and checks the range', () => {
    expect(ok(parseLocation('27.99,120.70'))).toEqual({ lat: 27.99, lng: 120.7 });
    expect(ok(parseLocation(' 27.99 ， 120.70 '))).toEqual({ lat: 27.99, lng: 120.7 });
    expect(parseLocation('120.70,27.99,1')).toMatchObject({ ok: false, code: 'location.format' });
    expect(parseLocation('95,120')).toMatchObject({ ok: false, code: 'location.range' });
  });
});

describe('a whole table', () => {
  const required = ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'];

  it('reads Chinese or English headers in any order and case', () => {
    const zh = readTaskTable(table(['完成时限', '责任人', '编号', '事项', '分管领导', '责任单位'], ['2025-06-30', '张伟', 'A-1', '改造', '王建国', '瓯江街道']));
    const en = readTaskTable(table(['Due', 'OWNER', 'code', 'Title', 'leader', 'Unit', 'Public'], ['2025/6/30', '张伟', 'A-1', '改造', '王建国', '瓯江街道', 'no']));
    expect(zh).toMatchObject({ ok: true, rows: [{ code: 'A-1', owner: '张伟', unit: '瓯江街道', due: '2025-06-30', isPublic: true, start: null }] });
    expect(en).toMatchObject({ ok: true, rows: [{ code: 'A-1', isPublic: false }] });
  });

  it('reports a duplicate and a missing header on line 1, and refuses no file for a column it does not use', () => {
    const result = readTaskTable(table(['编号', '事项', '责任单位', '责任人', '责任人', '完成时限', '备注'], []));
    expect(result).toMatchObject({ ok: false });
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['header.duplicate', 'header.missing']);
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, code: 'header.duplicate' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, code: 'header.missing', params: { header: '分管领导' } }));
  });

  it('reports every bad row with its line and column, and accepts none of them', () => {
    const result = readTaskTable(
      table(
        [...required, '开始时间', '时间节点', '公开'],
        ['A-1', '改造', '瓯江街道', '', '王建国', '2025-06-30', '', '', ''],
        ['A-2', '投资', '发改局', '李娜', '王建国', '2025-06-30', '2025-07-01', '2025-08-01 超期节点', '也许'],
        ['a-1', '重复', '民政局', '张伟', '陈静', '2025-02-30', '', '', ''],
        ['A-3', '多余', '民政局', '张伟', '陈静', '2025-06-30', '', '', '', '多出来'],
      ),
    );
    expect(result.ok).toBe(false);
    const where = (result.ok ? [] : result.problems).map((p) => `${p.line}:${p.column}:${p.code}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '2:责任人:cell.required',
        '3:开始时间:date.startAfterDue',
        '3:时间节点:milestone.afterDue',
        '3:公开:public.format',
        '4:完成时限:date.impossible',
        '4:编号:code.duplicate',
        '5:null:cell.extra',
      ]),
    );
  });

  it('skips empty rows, keeps full-width punctuation in text, and says when there is nothing', () => {
    const result = readTaskTable(table(required, [], ['A-1', '城中村改造：西片区（一期）', '瓯江街道', '张伟', '王建国', '2025-06-30'], ['', '', '', '', '', '']));
    expect(result).toMatchObject({ ok: true, rows: [{ line: 3, title: '城中村改造：西片区（一期）' }] });
    expect(readTaskTable(table(required))).toMatchObject({ ok: false, problems: [{ code: 'file.noRows' }] });
  });
});

describe('the headers an office writes', () => {
  it('sets aside the columns it does not use, naming them with their letters in one note, and imports the rest', () => {
    const read = readTaskTable(table(['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限', '备注', '联系电话'], ['A-1', '改造', '瓯江街道', '张伟', '王建国', '2026-06-30', '重点', '13800000000']));
    expect(read).toMatchObject({ ok: true, rows: [{ code: 'A-1', title: '改造' }] });
    expect(read.ok && read.notes).toEqual([expect.objectContaining({ line: 1, code: 'header.setAside', params: expect.objectContaining({ columns: 'G「备注」、H「联系电话」' }) })]);
  });

  it('asks about a header one slip from a column the file lacks, rather than lose that column', () => {
    const read = readTaskTable(table(['编号', '事项', '责任单住', '责任人', '分管领导', '完成时限（年月日）'], ['A-1', '改造', '瓯江街道', '张伟', '王建国', '2026-06-30']));
    expect(read.ok ? [] : read.problems.filter((p) => p.code === 'header.didYouMean').map((p) => p.params)).toEqual([
      { header: '责任单住', letter: 'C', meant: '责任单位' },
      { header: '完成时限（年月日）', letter: 'F', meant: '完成时限' },
    ]);
    // 备注 is two edits from 目标, and is no slip of it.
    expect(readTaskTable(table(['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限', '备注'], ['A-1', '改造', '瓯江街道', '张伟', '王建国', '2026-06-30', 'x']))).toMatchObject({ ok: true });
  });

  it('reads 重点工作, 牵头单位, 具体责任人, 责任领导, 时限要求 and the like as the one table’s columns, and passes 序号 by', () => {
    const read = readTaskTable(table(['序号', '重点工作', '牵头单位', '具体责任人', '分管区领导', '完成时间', '工作目标', '任务编号'], [1, '城中村改造', '瓯江街道', '张伟', '王建国', '2026-12-31', '完成12个村', 'ZX-01']));
    expect(read).toMatchObject({ ok: true, rows: [{ code: 'ZX-01', title: '城中村改造', unit: '瓯江街道', owner: '张伟', leader: '王建国', due: '2026-12-31', target: '完成12个村' }] });
    expect(readTaskTable(table(['编号', '工作任务', '责任部门', '经办人', '责任领导', '时限要求'], ['A-1', '改造', '瓯江街道', '张伟', '王建国', '2026-06-30']))).toMatchObject({ ok: true });
  });

  it('still refuses a column given twice under two names', () => {
    const read = readTaskTable(table(['编号', '事项', '重点工作', '责任单位', '责任人', '分管领导', '完成时限'], ['A-1', '改造', '改造', '瓯江街道', '张伟', '王建国', '2026-06-30']));
    expect(read).toMatchObject({ ok: false, problems: [{ code: 'header.duplicate', params: { header: '重点工作' } }] });
  });
});
