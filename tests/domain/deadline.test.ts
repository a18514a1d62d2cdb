import { describe, expect, it } from 'vitest';
import { parseDeadline, yearOfTitle } from '../../src/domain/deadline.ts';

const ok = <T>(result: { ok: true; value: T } | { ok: false }) => (result.ok ? result.value : undefined);
const due = (written: string | number | Date | null, tableYear: number | null = null) => ok(parseDeadline(written, tableYear));

describe('deadlines as offices write them', () => {
  it.each([
    ['2026-06-30', '2026-06-30'],
    ['2026/6/30', '2026-06-30'],
    ['2026.6.30', '2026-06-30'],
    ['2026年6月30日', '2026-06-30'],
    ['2026年6月30日完成', '2026-06-30'],
    ['２０２６年６月３０日', '2026-06-30'],
  ])('reads the exact date %s with nothing to explain', (written, day) => expect(due(written, 2025)).toEqual({ kind: 'date', due: day, reading: null }));

  it('reads Excel date cells and serial numbers', () => {
    expect(due(new Date(Date.UTC(2026, 5, 30)))).toEqual({ kind: 'date', due: '2026-06-30', reading: null });
    expect(due(46203)).toEqual({ kind: 'date', due: '2026-06-30', reading: null });
  });

  it.each([
    ['2026年6月30日前', null, '2026-06-30', 'dayBefore'],
    ['2026年6月30日以前', null, '2026-06-30', 'dayBefore'],
    ['2026-06-30之前', null, '2026-06-30', 'dayBefore'],
    ['2026年6月30日前完成', null, '2026-06-30', 'dayBefore'],
    ['6月30日', 2026, '2026-06-30', 'yearFromTitle'],
    ['6月30日前', 2026, '2026-06-30', 'dayBefore'],
  ])('reads the day %s (table year %s) as %s, %s', (written, tableYear, day, reading) => expect(due(written, tableYear)).toEqual({ kind: 'date', due: day, reading }));

  it.each([
    ['2026年6月底前', '2026-06-30', 'monthEnd'],
    ['2026年6月底', '2026-06-30', 'monthEnd'],
    ['2026年6月底前完成', '2026-06-30', 'monthEnd'],
    ['2026年6月末', '2026-06-30', 'monthEnd'],
    ['2026年9月底前', '2026-09-30', 'monthEnd'],
    ['2026年12月底前', '2026-12-31', 'monthEnd'],
    ['2026年6月', '2026-06-30', 'month'],
    ['2026年6月份', '2026-06-30', 'month'],
    ['2026.6', '2026-06-30', 'month'],
    ['2026-06', '2026-06-30', 'month'],
    ['2026/6前', '2026-06-30', 'month'],
    ['2026年2月底', '2026-02-28', 'monthEnd'],
    ['2028年2月底', '2028-02-29', 'monthEnd'],
    ['2026年底', '2026-12-31', 'yearEnd'],
    ['2026年底前', '2026-12-31', 'yearEnd'],
    ['2026年底前完成', '2026-12-31', 'yearEnd'],
    ['2026年年底', '2026-12-31', 'yearEnd'],
    ['2026年内', '2026-12-31', 'yearEnd'],
    ['2026年内完成', '2026-12-31', 'yearEnd'],
    ['2026年', '2026-12-31', 'yearEnd'],
    ['2026年上半年', '2026-06-30', 'halfYear'],
    ['2026年下半年', '2026-12-31', 'halfYear'],
    ['2026年一季度', '2026-03-31', 'quarter'],
    ['2026年二季度', '2026-06-30', 'quarter'],
    ['2026年第三季度', '2026-09-30', 'quarter'],
    ['2026年4季度', '2026-12-31', 'quarter'],
    ['2026Q2', '2026-06-30', 'quarter'],
    ['2026年3月-6月', '2026-06-30', 'monthEnd'],
    ['2026年3-6月', '2026-06-30', 'monthEnd'],
    ['2026年3月至6月底', '2026-06-30', 'monthEnd'],
    ['2026.3-2026.6', '2026-06-30', 'monthEnd'],
    ['2026年3月～2027年2月', '2027-02-28', 'monthEnd'],
  ])('reads the period %s as its last day %s (%s)', (written, day, reading) => expect(due(written, 2025)).toEqual({ kind: 'date', due: day, reading }));

  it.each([
    ['6月底前', '2026-06-30', 'monthEnd'],
    ['6月底', '2026-06-30', 'monthEnd'],
    ['6月', '2026-06-30', 'month'],
    ['年底前', '2026-12-31', 'yearEnd'],
    ['年内', '2026-12-31', 'yearEnd'],
    ['全年', '2026-12-31', 'yearEnd'],
    ['上半年', '2026-06-30', 'halfYear'],
    ['下半年', '2026-12-31', 'halfYear'],
    ['一季度', '2026-03-31', 'quarter'],
    ['第一季度', '2026-03-31', 'quarter'],
    ['1季度', '2026-03-31', 'quarter'],
    ['Q1', '2026-03-31', 'quarter'],
    ['q3', '2026-09-30', 'quarter'],
    ['四季度', '2026-12-31', 'quarter'],
    ['3月-6月', '2026-06-30', 'monthEnd'],
    ['2月底', '2026-02-28', 'monthEnd'],
  ])('reads %s without a year in the table year 2026 as %s (%s)', (written, day, reading) => expect(due(written, 2026)).toEqual({ kind: 'date', due: day, reading }));

  it('takes February’s end in a leap table year', () => expect(due('2月底前', 2028)).toEqual({ kind: 'date', due: '2028-02-29', reading: 'monthEnd' }));

  it('folds full-width digits and brackets, and sets bracketed remarks aside', () => {
    expect(due('２０２６年６月底前')).toEqual({ kind: 'date', due: '2026-06-30', reading: 'monthEnd' });
    expect(due('２０２６．６')).toEqual({ kind: 'date', due: '2026-06-30', reading: 'month' });
    expect(due(' 2026 年 6 月底前完成（视情况） ')).toEqual({ kind: 'date', due: '2026-06-30', reading: 'monthEnd' });
    expect(due('2026年底前(暂定)')).toEqual({ kind: 'date', due: '2026-12-31', reading: 'yearEnd' });
    expect(due('（长期坚持）')).toEqual({ kind: 'standing' });
    expect(due('Ｑ２', 2026)).toEqual({ kind: 'date', due: '2026-06-30', reading: 'quarter' });
  });

  it.each(['长期', '长期坚持', '持续推进', '常态化', '常态长效', '长期推进', '持续开展', '持续', '常态化推进', ' 长期 '])('reads %s as a standing task', (written) =>
    expect(due(written)).toEqual({ kind: 'standing' }),
  );

  it('refuses a deadline without a year when the table has none, rather than guess from today', () => {
    for (const written of ['6月底前', '年底前', '上半年', '二季度', '6月30日', '3月-6月']) {
      expect(parseDeadline(written, null)).toEqual({ ok: false, code: 'deadline.noYear', params: { value: written } });
    }
    expect(parseDeadline('６月底前', null)).toEqual({ ok: false, code: 'deadline.noYear', params: { value: '6月底前' } });
  });

  it('says an impossible date does not exist, and an unreadable deadline how to write it', () => {
    for (const bad of ['2026-02-30', '2026年4月31日前', '2026年13月底', '2月30日']) expect(parseDeadline(bad, 2026)).toMatchObject({ ok: false, code: 'date.impossible', params: { value: bad } });
    for (const bad of ['下周五', '尽快', '6月中旬', '完成', '', null, '2026年6月底前完成一期，12月底前完成二期']) {
      expect(parseDeadline(bad, 2026)).toMatchObject({ ok: false, code: 'date.format' });
    }
    expect(parseDeadline('尽快完成', 2026)).toEqual({ ok: false, code: 'date.format', params: { value: '尽快完成' } });
  });
});

describe('the year of a table', () => {
  it('finds the first year 2000–2099 in the title rows, full-width digits too', () => {
    expect(yearOfTitle(['2026年区政府重点工作督办任务清单'])).toBe(2026);
    expect(yearOfTitle(['', '２０２７年区政府重点工作督办任务清单', '2028年'])).toBe(2027);
    expect(yearOfTitle(['区政府重点工作督办任务清单（截至12026号）', '制表：2025年1月'])).toBe(2025);
    expect(yearOfTitle(['区政府重点工作督办任务清单', '1998年'])).toBeNull();
    expect(yearOfTitle([])).toBeNull();
  });
});
