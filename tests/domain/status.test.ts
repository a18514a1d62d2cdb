import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { addDays, daysBetween } from '../../src/domain/cycle-week.ts';
import { daysLate, parseMarkRequest } from '../../src/domain/milestone-mark.ts';
import { defaultThresholds, expectedProgress, progressCurve, taskStatus, type TaskFacts } from '../../src/domain/status.ts';

const day = (text: string) => text as CalendarDate;
const facts = (overrides: Partial<TaskFacts> = {}): TaskFacts => ({
  start: day('2025-01-01'),
  due: day('2025-12-31'),
  closedOut: false,
  milestones: [],
  latest: { percent: 50, blocked: false },
  silentCycles: 0,
  ...overrides,
});
const codes = (f: TaskFacts, today: string) => taskStatus(f, day(today)).reasons.map((r) => r.code);

describe('status lights (红黄绿灯)', () => {
  it('is green when on time, reported, and not behind', () => {
    expect(taskStatus(facts(), day('2025-07-01'))).toMatchObject({ light: 'green', reasons: [], expected: 50 });
  });

  it('is done once closed out, whatever else is true', () => {
    expect(taskStatus(facts({ closedOut: true, latest: null, silentCycles: 5 }), day('2026-03-01'))).toMatchObject({ light: 'done', reasons: [{ code: 'closedOut' }] });
  });

  it('is not overdue on its due date, and red the day after', () => {
    const dueToday = facts({ due: day('2025-07-01'), latest: { percent: 100, blocked: false } });
    expect(taskStatus(dueToday, day('2025-07-01')).light).toBe('green');
    expect(taskStatus(dueToday, day('2025-07-02'))).toMatchObject({ light: 'red', reasons: [{ code: 'overdue', days: 1 }] });
  });

  it('is yellow with a milestone due today, and red with it one day overdue', () => {
    const withMilestone = facts({ milestones: [{ due: day('2025-07-01'), description: '启动首批12个', done: false, share: null }], latest: { percent: 100, blocked: false } });
    expect(taskStatus(withMilestone, day('2025-07-01'))).toMatchObject({ light: 'yellow', reasons: [{ code: 'milestoneSoon', days: 0 }] });
    expect(taskStatus(withMilestone, day('2025-07-02'))).toMatchObject({ light: 'red', reasons: [{ code: 'milestoneOverdue', days: 1, description: '启动首批12个' }] });
  });

  it('is yellow with a milestone due within 7 days, and not at 8', () => {
    const soon = facts({ milestones: [{ due: day('2025-07-08'), description: 'x', done: false, share: null }, { due: day('2025-12-01'), description: 'y', done: false, share: null }], latest: { percent: 100, blocked: false } });
    expect(codes(soon, '2025-07-01')).toEqual(['milestoneSoon']);
    expect(codes(soon, '2025-06-30')).toEqual([]);
  });

  it('ignores a milestone that is done', () => {
    const done = facts({ milestones: [{ due: day('2025-06-01'), description: 'x', done: true, share: null }, { due: day('2025-12-01'), description: 'y', done: false, share: null }], latest: { percent: 60, blocked: false } });
    expect(taskStatus(done, day('2025-07-01')).light).toBe('green');
  });

  it('handles start = due: nothing expected before the day, everything on it', () => {
    const oneDay = facts({ start: day('2025-07-01'), due: day('2025-07-01'), latest: { percent: 0, blocked: false } });
    expect(taskStatus(oneDay, day('2025-06-30'))).toMatchObject({ light: 'green', expected: 0 });
    expect(taskStatus(oneDay, day('2025-07-01'))).toMatchObject({ light: 'red', expected: 100, reasons: [{ code: 'behind', reported: 0, expected: 100 }] });
  });

  it('is red when reported blocked, even with high progress', () => {
    expect(taskStatus(facts({ latest: { percent: 90, blocked: true } }), day('2025-07-01'))).toMatchObject({ light: 'red', reasons: [{ code: 'blocked' }] });
  });

  it('is yellow when not reported this cycle, red after two cycles running', () => {
    expect(taskStatus(facts({ silentCycles: 1 }), day('2025-07-01'))).toMatchObject({ light: 'yellow', reasons: [{ code: 'silent', cycles: 1 }] });
    expect(taskStatus(facts({ silentCycles: 2 }), day('2025-07-01'))).toMatchObject({ light: 'red', reasons: [{ code: 'silent', cycles: 2 }] });
  });

  it('is yellow more than 10 points behind, red more than 25 behind, and exactly at the thresholds not', () => {
    const at = (percent: number) => taskStatus(facts({ latest: { percent, blocked: false } }), day('2025-07-01'));
    expect(at(40).light).toBe('green');
    expect(at(39)).toMatchObject({ light: 'yellow', reasons: [{ code: 'behind', reported: 39, expected: 50 }] });
    expect(at(25).light).toBe('yellow');
    expect(at(24).light).toBe('red');
  });

  it('says "never reported" rather than 0% for a task with no answer', () => {
    expect(taskStatus(facts({ latest: null, silentCycles: 1 }), day('2025-07-01')).reasons).toContainEqual({ code: 'behind', reported: null, expected: 50 });
  });

  it('takes its thresholds from the settings', () => {
    const strict = { ...defaultThresholds, yellowBehind: 0, redSilentCycles: 1 };
    expect(taskStatus(facts({ latest: { percent: 49, blocked: false } }), day('2025-07-01'), strict).light).toBe('yellow');
    expect(taskStatus(facts({ silentCycles: 1 }), day('2025-07-01'), strict).light).toBe('red');
  });

  it('lists red reasons before yellow ones', () => {
    const many = facts({ due: day('2025-06-01'), silentCycles: 1, milestones: [{ due: day('2025-07-03'), description: 'x', done: false, share: null }] });
    expect(codes(many, '2025-07-01').slice(0, 1)).toEqual(['overdue']);
    expect(codes(many, '2025-07-01')).toContain('silent');
  });

});

describe('expected progress, counted back from the deadline (倒逼)', () => {
  const m = (due: string, share: number | null = null) => ({ due: day(due), description: '节点', done: false, share });
  const expected = (milestones: ReturnType<typeof m>[], today: string, span: Partial<TaskFacts> = {}) => expectedProgress({ ...facts(span), milestones }, day(today));

  it('is a straight line from start to due without milestones', () => {
    expect(expected([], '2025-01-01')).toBe(0);
    expect(expected([], '2025-07-02')).toBe(50);
    expect(expected([], '2025-12-31')).toBe(100);
    expect(expected([], '2024-12-01')).toBe(0);
    expect(expected([], '2026-02-01')).toBe(100);
  });

  it('spaces milestones without shares evenly in value: one at 50%, two at 33% and 67%', () => {
    expect(progressCurve({ ...facts(), milestones: [m('2025-03-01')] }).map((p) => p.share)).toEqual([0, 50, 100]);
    expect(progressCurve({ ...facts(), milestones: [m('2025-03-01'), m('2025-04-01')] }).map((p) => Math.round(p.share))).toEqual([0, 33, 67, 100]);
    // On the milestone's date exactly its share; halfway to the next point, halfway in value.
    expect(expected([m('2025-03-01')], '2025-03-01')).toBe(50);
    expect(expected([m('2025-05-31')], '2025-09-15')).toBe(75);
  });

  it('does not jump to 100% once the only milestone passes (ZX-05: due 11-30, one milestone on 05-31)', () => {
    const zx05 = { start: day('2026-02-01'), due: day('2026-11-30') };
    expect(expected([m('2026-05-31')], '2026-06-12', zx05)).toBe(53);
    expect(expected([m('2026-05-31')], '2026-05-30', zx05)).toBe(50);
  });

  it('does not expect 0% at half time when no milestone is due yet (ZX-08)', () => {
    const zx08 = { start: day('2026-02-01'), due: day('2026-07-31') };
    expect(expected([m('2026-06-20'), m('2026-07-15')], '2026-06-12', zx08)).toBe(31);
  });

  it('goes through the shares a table gives, and spaces the rest evenly between them', () => {
    const curve = progressCurve({ ...facts(), milestones: [m('2025-03-31'), m('2025-06-30', 60), m('2025-09-30')] });
    expect(curve.map((p) => p.share)).toEqual([0, 30, 60, 80, 100]);
    expect(expected([m('2025-06-30', 60)], '2025-06-30')).toBe(60);
    expect(expected([m('2025-06-30', 60)], '2025-03-31')).toBe(30);
  });

  it('ignores milestones on or past the due date and on or before the start: 100% by the due date', () => {
    expect(progressCurve({ ...facts(), milestones: [m('2026-03-01'), m('2025-12-31', 40), m('2024-06-01')] }).map((p) => p.share)).toEqual([0, 100]);
    expect(expected([m('2026-03-01')], '2025-07-02')).toBe(50);
  });

  it('expects nothing before the day and everything on it when start = due', () => {
    const oneDay = { start: day('2025-07-01'), due: day('2025-07-01') };
    expect(expected([], '2025-06-30', oneDay)).toBe(0);
    expect(expected([], '2025-07-01', oneDay)).toBe(100);
  });

  it('lights by the curve: 40% at half time is yellow without milestones and green behind a 45% milestone', () => {
    const at = (milestones: ReturnType<typeof m>[]) => taskStatus(facts({ latest: { percent: 40, blocked: false }, milestones }), day('2025-07-02')).light;
    expect(at([])).toBe('green');
    expect(taskStatus(facts({ latest: { percent: 39, blocked: false } }), day('2025-07-02')).light).toBe('yellow');
    expect(at([m('2025-10-01', 45)])).toBe('green');
    expect(at([m('2025-06-01', 90)])).toBe('red');
  });
});

describe('milestones done', () => {
  const milestone = (due: string, done: boolean) => ({ due: day(due), description: '方案报批', done, share: null });
  const light = (done: boolean, today: string) => taskStatus(facts({ milestones: [milestone('2025-05-31', done)], latest: { percent: 60, blocked: false } }), day(today));

  it('makes a task red while overdue and not done', () => {
    expect(light(false, '2025-06-12')).toMatchObject({ light: 'red', reasons: [{ code: 'milestoneOverdue', days: 12 }] });
  });

  it('stops counting as overdue once done, early or late', () => {
    expect(light(true, '2025-06-12').light).toBe('green');
    expect(light(true, '2025-05-01').light).toBe('green');
  });

  it('is overdue again once the mark is undone', () => {
    expect(light(true, '2025-06-12').light).toBe('green');
    expect(light(false, '2025-06-12').light).toBe('red');
  });

  it('does not warn of a milestone due soon that is already done', () => {
    expect(taskStatus(facts({ milestones: [milestone('2025-07-03', true)] }), day('2025-07-01')).reasons).toEqual([]);
    expect(taskStatus(facts({ milestones: [milestone('2025-07-03', false)] }), day('2025-07-01')).reasons).toMatchObject([{ code: 'milestoneSoon' }]);
  });
});

describe('asking to mark a milestone done, in words', () => {
  it('reads the command with or without a code and an ordinal, and a reply that starts 节点完成', () => {
    expect(parseMarkRequest('/milestone ZX-03')).toEqual({ code: 'ZX-03', ordinal: null });
    expect(parseMarkRequest('/milestone@duban_bot ZX-03 2 已报批')).toEqual({ code: 'ZX-03', ordinal: 2 });
    expect(parseMarkRequest('/milestone')).toEqual({ code: null, ordinal: null });
    expect(parseMarkRequest('节点完成 方案已报批')).toEqual({ code: null, ordinal: null });
    expect(parseMarkRequest('✅节点已完成2，附批复')).toEqual({ code: null, ordinal: 2 });
    expect(parseMarkRequest('Milestone done')).toEqual({ code: null, ordinal: null });
  });

  it('does not take an ordinary answer for one', () => {
    for (const text of ['60% 节点完成了一半', '方案已报批', '下一步：完成节点验收', '/milestones', '节点完成率 80%']) expect(parseMarkRequest(text), text).toBeNull();
  });

  it('says how late a milestone was done', () => {
    expect(daysLate(day('2026-05-31'), day('2026-06-09'))).toBe(9);
    expect(daysLate(day('2026-05-31'), day('2026-05-28'))).toBe(-3);
    expect(daysLate(day('2026-05-31'), day('2026-05-31'))).toBe(0);
  });
});

describe('expected progress without shares', () => {
  it('is the curve’s value, read without building the curve', () => {
    const m = (due: string) => ({ due: day(due), description: '节点', done: false, share: null });
    const plans = [[], [m('2025-03-01')], [m('2025-02-10'), m('2025-06-30'), m('2025-11-11')], [m('2024-12-01'), m('2025-05-05'), m('2026-02-01')]];
    for (const milestones of plans) {
      const curve = progressCurve({ ...facts(), milestones });
      for (let day_ = 0; day_ <= 365; day_ += 7) {
        const today = addDays(day('2025-01-01'), day_);
        const i = curve.findIndex((point) => point.date > today);
        const [before, after] = [curve[i - 1]!, curve[i]!];
        const fromCurve = i <= 0 ? 100 : Math.round(before.share + ((after.share - before.share) * daysBetween(before.date, today)) / daysBetween(before.date, after.date));
        expect(expectedProgress({ ...facts(), milestones }, today), `${milestones.length} milestones, ${today}`).toBe(today <= day('2025-01-01') ? 0 : fromCurve);
      }
    }
  });
});

describe('a standing task (长期坚持): no due date', () => {
  const standing = (overrides: Partial<TaskFacts> = {}) => facts({ due: null, latest: { percent: 10, blocked: false }, ...overrides });
  const milestone = (due: string, share: number | null = null) => ({ due: day(due), description: '阶段', done: false, share });

  it('is never overdue and expects nothing without milestones: green while reported, years on', () => {
    expect(taskStatus(standing(), day('2031-07-01'))).toMatchObject({ light: 'green', reasons: [], expected: 0 });
    expect(taskStatus(standing({ silentCycles: 1 }), day('2031-07-01')).reasons.map((r) => r.code)).toEqual(['silent']);
  });

  it('is expected to keep up with its milestones only: evenly spaced to the last, its share after it', () => {
    const stepped = { start: day('2025-01-01'), due: null, milestones: [milestone('2025-07-01'), milestone('2026-01-01')] };
    expect(expectedProgress(stepped, day('2025-07-01'))).toBe(50);
    expect(expectedProgress(stepped, day('2026-01-01'))).toBe(100);
    expect(expectedProgress(stepped, day('2027-06-01'))).toBe(100);
    const shared = { start: day('2025-01-01'), due: null, milestones: [milestone('2025-07-01', 30), milestone('2026-01-01', 60)] };
    expect(expectedProgress(shared, day('2025-07-01'))).toBe(30);
    expect(expectedProgress(shared, day('2028-01-01'))).toBe(60);
    expect(progressCurve(shared)).toEqual([{ date: '2025-01-01', share: 0 }, { date: '2025-07-01', share: 30 }, { date: '2026-01-01', share: 60 }]);
  });

  it('is red for a missed milestone as any task is, though it has no due date', () => {
    const late = standing({ milestones: [milestone('2025-06-30')], latest: { percent: 100, blocked: false } });
    expect(taskStatus(late, day('2025-07-10')).reasons.map((r) => r.code)).toEqual(['milestoneOverdue']);
  });
});
