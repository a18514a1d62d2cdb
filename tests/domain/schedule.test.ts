import { describe, expect, it } from 'vitest';
import { isFinalReminder, nextRun, type Schedule } from '../../src/domain/schedule.ts';

/** The defaults of DESIGN.md "The weekly cycle", in a given zone, with any step overridden. */
const schedule = (timeZone = 'Asia/Shanghai', overrides: Partial<Schedule> = {}): Schedule => ({
  prompt: '0 9 * * 1',
  remind: '0 9 * * 3,5',
  digest: '0 17 * * 5',
  timeZone,
  ...overrides,
});
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

/** The reminder instants of `count` runs in a row, as the scheduler would fire them. */
function reminderRuns(s: Schedule, from: Date, count: number): Date[] {
  const runs: Date[] = [];
  let after = from;
  for (let i = 0; i < count; i += 1) runs.push((after = nextRun(s, 'remind', after)));
  return runs;
}

describe('nextRun with the default schedule in Asia/Shanghai', () => {
  const s = schedule();

  it('finds Monday 09:00, Wednesday 09:00 and Friday 17:00 local (01:00Z, 01:00Z, 09:00Z)', () => {
    const sunday = at('2025-06-29T04:00:00Z'); // Sunday 12:00 Shanghai
    expect(iso(nextRun(s, 'prompt', sunday))).toBe('2025-06-30T01:00:00.000Z');
    expect(iso(nextRun(s, 'remind', sunday))).toBe('2025-07-02T01:00:00.000Z');
    expect(iso(nextRun(s, 'digest', sunday))).toBe('2025-07-04T09:00:00.000Z');
  });

  it('gives the run after the current one when asked at the very instant of a run', () => {
    const wednesday = at('2025-07-02T01:00:00Z');
    expect(iso(nextRun(s, 'remind', wednesday))).toBe('2025-07-04T01:00:00.000Z');
    expect(iso(nextRun(s, 'remind', at('2025-07-04T01:00:00Z')))).toBe('2025-07-09T01:00:00.000Z');
  });
});

describe('isFinalReminder with the default schedule in Asia/Shanghai', () => {
  const s = schedule();

  it('is false for the Wednesday 09:00 reminder: Friday’s comes before the digest', () => {
    expect(isFinalReminder(s, at('2025-07-02T01:00:00Z'))).toBe(false);
  });

  it('is true for the Friday 09:00 reminder, and for one a few seconds late', () => {
    expect(isFinalReminder(s, at('2025-07-04T01:00:00Z'))).toBe(true);
    expect(isFinalReminder(s, at('2025-07-04T01:00:05Z'))).toBe(true);
  });

  it('is true for a Friday reminder caught up at noon after the process was down at 09:00', () => {
    expect(isFinalReminder(s, at('2025-07-04T04:00:00Z'))).toBe(true);
  });

  it('is false for a manual run on Monday after the prompt: two reminders still come before the digest', () => {
    expect(isFinalReminder(s, at('2025-06-30T02:30:00Z'))).toBe(false); // Monday 10:30
  });

  it('is false for a run on Saturday, after the digest', () => {
    // Saturday's run belongs to no reminder slot: this week's digest has gone out (it already
    // listed the silent people to the leadership, and closed the cycle), and next Wednesday's
    // reminder comes before next Friday's digest. Escalating to the leaders again would repeat
    // what the digest told them a day earlier, so not final is the right answer.
    expect(isFinalReminder(s, at('2025-07-05T02:00:00Z'))).toBe(false); // Saturday 10:00
    expect(isFinalReminder(s, at('2025-07-04T09:30:00Z'))).toBe(false); // Friday 17:30, just after the digest
  });

  it('alternates not final, final over the Wednesday and Friday reminders of several weeks', () => {
    const runs = reminderRuns(s, at('2025-06-29T00:00:00Z'), 8);
    expect(runs.map(iso)).toEqual([
      '2025-07-02T01:00:00.000Z', '2025-07-04T01:00:00.000Z',
      '2025-07-09T01:00:00.000Z', '2025-07-11T01:00:00.000Z',
      '2025-07-16T01:00:00.000Z', '2025-07-18T01:00:00.000Z',
      '2025-07-23T01:00:00.000Z', '2025-07-25T01:00:00.000Z',
    ]);
    expect(runs.map((run) => isFinalReminder(s, run))).toEqual([false, true, false, true, false, true, false, true]);
  });
});

describe('the default schedule in Europe/Berlin across the spring-forward weekend (2025-03-30)', () => {
  const s = schedule('Europe/Berlin');

  it('runs at 09:00 CET (08:00Z) before the change and 09:00 CEST (07:00Z) after it', () => {
    const saturday = at('2025-03-29T11:00:00Z'); // Saturday 12:00 CET
    expect(iso(nextRun(s, 'prompt', saturday))).toBe('2025-03-31T07:00:00.000Z');
    expect(iso(nextRun(s, 'remind', saturday))).toBe('2025-04-02T07:00:00.000Z');
    expect(iso(nextRun(s, 'digest', saturday))).toBe('2025-04-04T15:00:00.000Z');
    expect(iso(nextRun(s, 'remind', at('2025-03-24T12:00:00Z')))).toBe('2025-03-26T08:00:00.000Z');
  });

  it('marks only the Friday reminders final, on both sides of the change', () => {
    expect(isFinalReminder(s, at('2025-03-26T08:00:00Z'))).toBe(false); // Wednesday 09:00 CET
    expect(isFinalReminder(s, at('2025-03-28T08:00:00Z'))).toBe(true); // Friday 09:00 CET
    expect(isFinalReminder(s, at('2025-04-02T07:00:00Z'))).toBe(false); // Wednesday 09:00 CEST
    expect(isFinalReminder(s, at('2025-04-04T07:00:00Z'))).toBe(true); // Friday 09:00 CEST
  });

  it('treats the spring-forward weekend itself like any weekend: not final, the digest has gone', () => {
    expect(isFinalReminder(s, at('2025-03-29T11:00:00Z'))).toBe(false); // Saturday 12:00 CET
    expect(isFinalReminder(s, at('2025-03-30T10:00:00Z'))).toBe(false); // Sunday 12:00 CEST
    expect(isFinalReminder(s, at('2025-03-31T08:00:00Z'))).toBe(false); // Monday 10:00 CEST, after the prompt
  });

  it('runs at 09:00 CET again after the fall-back weekend (2025-10-26)', () => {
    const saturday = at('2025-10-25T10:00:00Z'); // Saturday 12:00 CEST
    expect(iso(nextRun(s, 'prompt', saturday))).toBe('2025-10-27T08:00:00.000Z');
    expect(iso(nextRun(s, 'digest', saturday))).toBe('2025-10-31T16:00:00.000Z');
    expect(isFinalReminder(s, at('2025-10-31T08:00:00Z'))).toBe(true);
  });
});

describe('a custom schedule with a single reminder', () => {
  it('makes every Thursday reminder final, week after week (Asia/Shanghai)', () => {
    const s = schedule('Asia/Shanghai', { remind: '0 9 * * 4' });
    const runs = reminderRuns(s, at('2025-06-29T00:00:00Z'), 6);
    expect(iso(runs[0]!)).toBe('2025-07-03T01:00:00.000Z');
    expect(runs.map((run) => isFinalReminder(s, run))).toEqual([true, true, true, true, true, true]);
  });

  it('makes every Friday-morning reminder final across both Berlin changes of 2025', () => {
    const s = schedule('Europe/Berlin', { remind: '30 10 * * 5' });
    for (const from of ['2025-03-17T00:00:00Z', '2025-10-13T00:00:00Z']) {
      const runs = reminderRuns(s, at(from), 4);
      expect(runs.map((run) => isFinalReminder(s, run))).toEqual([true, true, true, true]);
    }
  });
});
