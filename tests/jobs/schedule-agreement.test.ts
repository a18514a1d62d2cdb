import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { nextRun, type Schedule, type Step } from '../../src/domain/schedule.ts';

/**
 * node-cron fires the steps; cron-parser is what the code reasons with (is this reminder the
 * last?). They must agree, in every zone and across daylight-saving changes, or a reminder would
 * escalate on the wrong day. The clock is faked; nothing waits.
 */
const defaults = { prompt: '0 9 * * 1', remind: '0 9 * * 3,5', digest: '0 17 * * 5' };

function nodeCronRuns(expression: string, timeZone: string, from: Date, count: number): string[] {
  vi.useFakeTimers({ now: from, toFake: ['Date'] });
  const task = cron.createTask(expression, () => {}, { timezone: timeZone });
  try {
    return task.getNextRuns(count).map((date) => date.toISOString());
  } finally {
    void task.destroy();
    vi.useRealTimers();
  }
}

function parserRuns(schedule: Schedule, step: Step, from: Date, count: number): string[] {
  const runs: string[] = [];
  let at = from;
  for (let i = 0; i < count; i += 1) {
    at = nextRun(schedule, step, at);
    runs.push(at.toISOString());
  }
  return runs;
}

afterEach(() => vi.useRealTimers());

describe.each([
  ['Asia/Shanghai', '2025-03-20T00:00:00Z'],
  ['Europe/Berlin', '2025-03-20T00:00:00Z'], // spring forward on Sunday 2025-03-30
  ['Europe/Berlin', '2025-10-16T00:00:00Z'], // fall back on Sunday 2025-10-26
  ['America/New_York', '2025-03-01T00:00:00Z'], // spring forward on Sunday 2025-03-09
])('in %s from %s', (timeZone, from) => {
  const schedule: Schedule = { ...defaults, timeZone };

  it.each(['prompt', 'remind', 'digest'] as const)('node-cron and the schedule agree on the next %s runs', (step) => {
    expect(nodeCronRuns(schedule[step], timeZone, new Date(from), 6)).toEqual(parserRuns(schedule, step, new Date(from), 6));
  });

  it('every prompt opens the cycle of its own week, at 09:00 local on Monday', () => {
    for (const run of parserRuns(schedule, 'prompt', new Date(from), 4)) {
      const week = cycleWeekOf(new Date(run), timeZone);
      expect(new Date(run).getTime() - week.startsAt.getTime()).toBe(9 * 3600_000);
    }
  });
});
