import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { defaultThresholds, expectedProgress, milestonesThatMatterUntil, taskStatus, type TaskFacts } from '../../src/domain/status.ts';

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
    const withMilestone = facts({ milestones: [{ due: day('2025-07-01'), description: '启动首批12个', done: false }], latest: { percent: 100, blocked: false } });
    expect(taskStatus(withMilestone, day('2025-07-01'))).toMatchObject({ light: 'yellow', reasons: [{ code: 'milestoneSoon', days: 0 }] });
    expect(taskStatus(withMilestone, day('2025-07-02'))).toMatchObject({ light: 'red', reasons: [{ code: 'milestoneOverdue', days: 1, description: '启动首批12个' }] });
  });

  it('is yellow with a milestone due within 7 days, and not at 8', () => {
    const soon = facts({ milestones: [{ due: day('2025-07-08'), description: 'x', done: false }, { due: day('2025-12-01'), description: 'y', done: false }], latest: { percent: 100, blocked: false } });
    expect(codes(soon, '2025-07-01')).toEqual(['milestoneSoon']);
    expect(codes(soon, '2025-06-30')).toEqual([]);
  });

  it('ignores a milestone that is done', () => {
    const done = facts({ milestones: [{ due: day('2025-06-01'), description: 'x', done: true }, { due: day('2025-12-01'), description: 'y', done: false }], latest: { percent: 60, blocked: false } });
    expect(taskStatus(done, day('2025-07-01')).light).toBe('green');
  });

  it('counts expected progress back from the deadline: time elapsed without milestones, milestones due with them', () => {
    expect(expectedProgress(facts(), day('2025-01-01'))).toBe(0);
    expect(expectedProgress(facts(), day('2025-12-31'))).toBe(100);
    expect(expectedProgress(facts({ milestones: [{ due: day('2025-03-31'), description: 'a', done: true }, { due: day('2025-09-30'), description: 'b', done: false }] }), day('2025-07-01'))).toBe(50);
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
    const many = facts({ due: day('2025-06-01'), silentCycles: 1, milestones: [{ due: day('2025-07-03'), description: 'x', done: false }] });
    expect(codes(many, '2025-07-01').slice(0, 1)).toEqual(['overdue']);
    expect(codes(many, '2025-07-01')).toContain('silent');
  });

  it('gives the same light from only the milestones that matter today and a count of all', () => {
    const milestones = [
      { due: day('2025-03-31'), description: '完成入户调查', done: true },
      { due: day('2025-06-30'), description: '启动首批改造', done: false },
      { due: day('2025-07-04'), description: '完成签约', done: false },
      { due: day('2025-07-20'), description: '首批开工', done: false },
      { due: day('2025-09-30'), description: '完成拆迁', done: false },
      { due: day('2025-12-31'), description: '整体完工', done: false },
    ];
    for (const today of ['2025-01-10', '2025-06-28', '2025-07-01', '2025-07-15', '2025-10-01'].map(day)) {
      const thresholds = { ...defaultThresholds, milestoneSoonDays: 10 };
      const until = milestonesThatMatterUntil(today, thresholds);
      const some = facts({ milestones: milestones.filter((m) => m.due <= until), milestoneCount: milestones.length });
      expect(taskStatus(some, today, thresholds), today).toEqual(taskStatus(facts({ milestones }), today, thresholds));
    }
  });
});
