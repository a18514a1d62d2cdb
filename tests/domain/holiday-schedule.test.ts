import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { dueSteps, movedSlot, weekSteps } from '../../src/domain/holiday-schedule.ts';
import type { Schedule } from '../../src/domain/schedule.ts';
import { NO_MARKS, pausedWeeks, unknownYears, workCalendar } from '../../src/domain/work-calendar.ts';
import { expectedProgress } from '../../src/domain/status.ts';
import { cnHolidayMarks } from '../../src/io/cn-holidays.ts';

const schedule: Schedule = { prompt: '0 9 * * 1', remind: '0 9 * * 3,5', digest: '0 17 * * 5', timeZone: 'Asia/Shanghai' };
const cn = workCalendar(cnHolidayMarks(), NO_MARKS);
const local = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(instant);
/** A week's steps as `step slot → when it runs`, local time. */
const week = (monday: string) =>
  weekSteps(schedule, cn, new Date(`${monday}T12:00:00+08:00`)).map((due) => `${due.step}${due.final ? ' (final)' : ''} ${local(due.slot)} → ${local(due.at)}`);

describe('2026 as the State Council set it (chinese-days)', () => {
  it('knows the holidays, the make-up Saturdays, and which years it has', () => {
    expect(['2026-02-14', '2026-02-28', '2026-10-10'].map((day) => cn.isWorkingDay(day as CalendarDate))).toEqual([true, true, true]);
    expect(['2026-02-16', '2026-02-23', '2026-10-01', '2026-10-07'].map((day) => cn.isWorkingDay(day as CalendarDate))).toEqual([false, false, false, false]);
    expect(cn.markOf('2026-10-01' as CalendarDate)).toEqual({ kind: 'rest', name: '国庆节' });
    expect(cn.isWorkingDay('2026-03-07' as CalendarDate)).toBe(false); // an ordinary Saturday
    expect(unknownYears(cn, [2026, 2027])).toEqual([2027]);
  });
});

describe('the weekly cycle over the 2026 Spring Festival (02-15 to 02-23 off, 02-14 and 02-28 worked)', () => {
  it('runs as usual the week before', () => {
    expect(week('2026-02-09')).toEqual([
      'prompt 2026-02-09 09:00 → 2026-02-09 09:00',
      'remind 2026-02-11 09:00 → 2026-02-11 09:00',
      'remind (final) 2026-02-13 09:00 → 2026-02-13 09:00',
      'digest 2026-02-13 17:00 → 2026-02-13 17:00',
    ]);
  });

  it('has no cycle in the week with no working day', () => {
    expect(week('2026-02-16')).toEqual([]);
  });

  it('moves the prompt off the holiday Monday to Tuesday, at the same time', () => {
    expect(week('2026-02-23')).toEqual([
      'prompt 2026-02-23 09:00 → 2026-02-24 09:00',
      'remind 2026-02-25 09:00 → 2026-02-25 09:00',
      'remind (final) 2026-02-27 09:00 → 2026-02-27 09:00',
      'digest 2026-02-27 17:00 → 2026-02-27 17:00',
    ]);
  });
});

describe('the weekly cycle over Mid-Autumn and National Day 2026 (09-25 to 09-27, 10-01 to 10-07 off; 10-10 worked)', () => {
  it('moves Friday’s digest past the weekend off to Monday evening, and the Wednesday reminder becomes the last', () => {
    expect(week('2026-09-21')).toEqual([
      'prompt 2026-09-21 09:00 → 2026-09-21 09:00',
      'remind (final) 2026-09-23 09:00 → 2026-09-23 09:00',
      'digest 2026-09-25 17:00 → 2026-09-28 17:00',
    ]);
  });

  it('moves the week of 10-01’s digest to the first working day after the holiday', () => {
    expect(week('2026-09-28')).toEqual([
      'prompt 2026-09-28 09:00 → 2026-09-28 09:00',
      'remind (final) 2026-09-30 09:00 → 2026-09-30 09:00',
      'digest 2026-10-02 17:00 → 2026-10-08 17:00',
    ]);
  });

  it('starts the next week on Thursday 10-08; the Wednesday reminder, moved onto the prompt, is dropped', () => {
    expect(week('2026-10-05')).toEqual([
      'prompt 2026-10-05 09:00 → 2026-10-08 09:00',
      'remind (final) 2026-10-09 09:00 → 2026-10-09 09:00',
      'digest 2026-10-09 17:00 → 2026-10-09 17:00',
    ]);
  });

  it('owes, on Thursday 10-08, the new week’s prompt in the morning and last week’s digest in the evening', () => {
    const owed = (at: string) => dueSteps(schedule, cn, new Date(at)).map((due) => `${due.step} ${local(due.slot)} → ${local(due.at)}`);
    expect(owed('2026-10-06T10:00:00+08:00')).toEqual([]);
    expect(owed('2026-10-08T09:00:30+08:00')).toEqual(['prompt 2026-10-05 09:00 → 2026-10-08 09:00']);
    expect(owed('2026-10-08T17:00:30+08:00')).toEqual(['digest 2026-10-02 17:00 → 2026-10-08 17:00', 'prompt 2026-10-05 09:00 → 2026-10-08 09:00']);
  });
});

describe('a slot on a day the calendar does not mark', () => {
  it('stays: a schedule may run on a Saturday, and without holidays nothing moves', () => {
    const saturday = new Date('2026-03-07T09:00:00+08:00');
    expect(movedSlot(cn, 'Asia/Shanghai', saturday, 'prompt')).toEqual(saturday);
    const nationalDay = new Date('2026-10-01T09:00:00+08:00');
    expect(movedSlot(workCalendar(NO_MARKS, NO_MARKS), 'Asia/Shanghai', nationalDay, 'remind')).toEqual(nationalDay);
  });

  it('follows the admin’s marks over the built-in ones', () => {
    const admin = { days: new Map([['2026-03-09' as CalendarDate, { kind: 'rest' as const, name: '区内调休' }]]), years: new Set<number>() };
    expect(local(movedSlot(workCalendar(cnHolidayMarks(), admin), 'Asia/Shanghai', new Date('2026-03-09T09:00:00+08:00'), 'prompt')!)).toBe('2026-03-10 09:00');
  });
});

describe('expected progress over a week off', () => {
  const task = { start: '2026-02-02' as CalendarDate, due: '2026-03-02' as CalendarDate, milestones: [] };

  it('knows 2026’s week with no working day', () => {
    expect(pausedWeeks(cn, [2026])).toEqual(['2026-02-16']);
  });

  it('does not grow over it: the curve counts the working weeks only', () => {
    const paused = pausedWeeks(cn, [2026]);
    // 28 days from start to due, 7 of them the Spring Festival week: 21 that count.
    expect(expectedProgress(task, '2026-02-16' as CalendarDate, paused)).toBe(Math.round((14 / 21) * 100));
    expect(expectedProgress(task, '2026-02-23' as CalendarDate, paused)).toBe(Math.round((14 / 21) * 100));
    expect(expectedProgress(task, '2026-02-26' as CalendarDate, paused)).toBe(Math.round((17 / 21) * 100));
    // Without the calendar the same days would have run on: 21 of 28 by 02-23.
    expect(expectedProgress(task, '2026-02-23' as CalendarDate)).toBe(75);
  });
});
