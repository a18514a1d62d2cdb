import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { addDays, cycleWeekOf, daysBetween } from '../../src/domain/cycle-week.ts';

const at = (iso: string) => new Date(iso);
const day = (text: string) => text as CalendarDate;
const HOUR = 3_600_000;
const hoursLong = (week: { startsAt: Date; endsAt: Date }) => (week.endsAt.getTime() - week.startsAt.getTime()) / HOUR;
/** The parts of a week a test compares: its name, its instants as ISO strings, its days. */
const plain = (week: ReturnType<typeof cycleWeekOf>) => ({
  week: week.week,
  startsAt: week.startsAt.toISOString(),
  endsAt: week.endsAt.toISOString(),
  firstDay: week.firstDay,
  lastDay: week.lastDay,
});

describe('cycleWeekOf in Asia/Shanghai', () => {
  const zone = 'Asia/Shanghai';

  it('runs from Monday 00:00 local (Sunday 16:00Z) to the next Monday, Monday to Sunday on the calendar', () => {
    // Wednesday 2025-07-02 09:00 Shanghai
    expect(plain(cycleWeekOf(at('2025-07-02T01:00:00Z'), zone))).toEqual({
      week: '2025-W27',
      startsAt: '2025-06-29T16:00:00.000Z',
      endsAt: '2025-07-06T16:00:00.000Z',
      firstDay: '2025-06-30',
      lastDay: '2025-07-06',
    });
  });

  it('puts Sunday 23:59 local in the week before the one an hour later, the boundary being Monday 00:00 local', () => {
    const sundayNight = cycleWeekOf(at('2025-07-06T15:59:00Z'), zone); // Sunday 23:59 Shanghai
    const mondayEarly = cycleWeekOf(at('2025-07-06T16:59:00Z'), zone); // Monday 00:59 Shanghai
    expect(sundayNight.week).toBe('2025-W27');
    expect(mondayEarly.week).toBe('2025-W28');
    expect(sundayNight.endsAt).toEqual(mondayEarly.startsAt);
    expect(mondayEarly.startsAt.toISOString()).toBe('2025-07-06T16:00:00.000Z');
  });

  it('includes the starting instant and excludes the ending one', () => {
    expect(cycleWeekOf(at('2025-07-06T16:00:00.000Z'), zone).week).toBe('2025-W28');
    expect(cycleWeekOf(at('2025-07-06T15:59:59.999Z'), zone).week).toBe('2025-W27');
  });

  it('names the week containing 2024-12-30 as 2025-W01, while the Sunday before is still 2024-W52', () => {
    const monday = cycleWeekOf(at('2024-12-30T02:00:00Z'), zone); // Monday 10:00 Shanghai
    expect(plain(monday)).toEqual({
      week: '2025-W01',
      startsAt: '2024-12-29T16:00:00.000Z',
      endsAt: '2025-01-05T16:00:00.000Z',
      firstDay: '2024-12-30',
      lastDay: '2025-01-05',
    });
    expect(cycleWeekOf(at('2024-12-29T15:00:00Z'), zone).week).toBe('2024-W52'); // Sunday 23:00 Shanghai
    expect(cycleWeekOf(at('2025-01-01T04:00:00Z'), zone).week).toBe('2025-W01'); // New Year's Day
  });

  it('names the week of 2026-12-31 as 2026-W53, running into January 2027', () => {
    const week = cycleWeekOf(at('2026-12-31T04:00:00Z'), zone);
    expect(plain(week)).toEqual({
      week: '2026-W53',
      startsAt: '2026-12-27T16:00:00.000Z',
      endsAt: '2027-01-03T16:00:00.000Z',
      firstDay: '2026-12-28',
      lastDay: '2027-01-03',
    });
    expect(cycleWeekOf(at('2027-01-03T12:00:00Z'), zone).week).toBe('2026-W53'); // Sunday 20:00 Shanghai
    expect(cycleWeekOf(at('2027-01-04T01:00:00Z'), zone).week).toBe('2027-W01'); // Monday 09:00 Shanghai
  });

  it('names New Year 2021 (a Friday) as the 53rd week of 2020', () => {
    expect(cycleWeekOf(at('2021-01-01T04:00:00Z'), zone).week).toBe('2020-W53');
  });

  it('uses the Shanghai calendar day, not the UTC one, near midnight', () => {
    // 2025-06-29T17:00Z is still Sunday in UTC but already Monday 01:00 in Shanghai
    expect(cycleWeekOf(at('2025-06-29T17:00:00Z'), zone).firstDay).toBe('2025-06-30');
  });
});

describe('cycleWeekOf in different zones', () => {
  it('puts the same UTC instant in different weeks in Asia/Shanghai and America/Los_Angeles', () => {
    const instant = at('2025-07-06T20:00:00Z'); // Monday 04:00 in Shanghai, Sunday 13:00 in Los Angeles
    const shanghai = cycleWeekOf(instant, 'Asia/Shanghai');
    const losAngeles = cycleWeekOf(instant, 'America/Los_Angeles');
    expect(shanghai.week).toBe('2025-W28');
    expect(losAngeles.week).toBe('2025-W27');
    expect(plain(losAngeles)).toEqual({
      week: '2025-W27',
      startsAt: '2025-06-30T07:00:00.000Z', // Monday 00:00 PDT
      endsAt: '2025-07-07T07:00:00.000Z',
      firstDay: '2025-06-30',
      lastDay: '2025-07-06',
    });
  });

  it('handles the half-hour offset of Asia/Kolkata (Monday 00:00 IST = Sunday 18:30Z)', () => {
    const week = cycleWeekOf(at('2025-07-02T06:30:00Z'), 'Asia/Kolkata');
    expect(plain(week)).toEqual({
      week: '2025-W27',
      startsAt: '2025-06-29T18:30:00.000Z',
      endsAt: '2025-07-06T18:30:00.000Z',
      firstDay: '2025-06-30',
      lastDay: '2025-07-06',
    });
    expect(cycleWeekOf(at('2025-06-29T18:29:59.999Z'), 'Asia/Kolkata').week).toBe('2025-W26');
    expect(cycleWeekOf(at('2025-06-29T18:30:00.000Z'), 'Asia/Kolkata').week).toBe('2025-W27');
    expect(hoursLong(week)).toBe(168);
  });
});

describe('cycleWeekOf across daylight-saving changes in Europe/Berlin', () => {
  const zone = 'Europe/Berlin';

  it('makes the week of the spring-forward Sunday 2025-03-30 167 hours long', () => {
    const week = cycleWeekOf(at('2025-03-30T10:00:00Z'), zone); // Sunday 12:00 CEST
    expect(plain(week)).toEqual({
      week: '2025-W13',
      startsAt: '2025-03-23T23:00:00.000Z', // Monday 00:00 CET (+01:00)
      endsAt: '2025-03-30T22:00:00.000Z', // Monday 00:00 CEST (+02:00)
      firstDay: '2025-03-24',
      lastDay: '2025-03-30',
    });
    expect(hoursLong(week)).toBe(167);
    expect(hoursLong(cycleWeekOf(at('2025-04-02T10:00:00Z'), zone))).toBe(168);
  });

  it('puts instants just before and after the Monday boundaries of the spring-forward week in the right week', () => {
    expect(cycleWeekOf(at('2025-03-23T22:59:59.999Z'), zone).week).toBe('2025-W12'); // Sunday 23:59:59 CET
    expect(cycleWeekOf(at('2025-03-23T23:00:00.000Z'), zone).week).toBe('2025-W13'); // Monday 00:00 CET
    expect(cycleWeekOf(at('2025-03-30T21:59:59.999Z'), zone).week).toBe('2025-W13'); // Sunday 23:59:59 CEST
    expect(cycleWeekOf(at('2025-03-30T22:00:00.000Z'), zone).week).toBe('2025-W14'); // Monday 00:00 CEST
    // 22:30Z on Sunday would be Sunday 23:30 at the winter offset, but summer time has begun: it is Monday 00:30
    expect(cycleWeekOf(at('2025-03-30T22:30:00Z'), zone).firstDay).toBe('2025-03-31');
  });

  it('makes the week of the fall-back Sunday 2025-10-26 169 hours long', () => {
    const week = cycleWeekOf(at('2025-10-26T11:00:00Z'), zone); // Sunday 12:00 CET
    expect(plain(week)).toEqual({
      week: '2025-W43',
      startsAt: '2025-10-19T22:00:00.000Z', // Monday 00:00 CEST
      endsAt: '2025-10-26T23:00:00.000Z', // Monday 00:00 CET
      firstDay: '2025-10-20',
      lastDay: '2025-10-26',
    });
    expect(hoursLong(week)).toBe(169);
  });

  it('puts instants just before and after the Monday boundaries of the fall-back week in the right week', () => {
    expect(cycleWeekOf(at('2025-10-19T21:59:59.999Z'), zone).week).toBe('2025-W42');
    expect(cycleWeekOf(at('2025-10-19T22:00:00.000Z'), zone).week).toBe('2025-W43');
    // 22:30Z on Sunday would be Monday 00:30 at the summer offset, but winter time is back: it is Sunday 23:30
    expect(cycleWeekOf(at('2025-10-26T22:30:00Z'), zone).week).toBe('2025-W43');
    expect(cycleWeekOf(at('2025-10-26T22:59:59.999Z'), zone).week).toBe('2025-W43');
    expect(cycleWeekOf(at('2025-10-26T23:00:00.000Z'), zone).week).toBe('2025-W44');
  });

  it('keeps both passes through the repeated 02:00–03:00 hour in the same week', () => {
    const first = cycleWeekOf(at('2025-10-26T00:30:00Z'), zone); // 02:30 CEST
    const second = cycleWeekOf(at('2025-10-26T01:30:00Z'), zone); // 02:30 CET, an hour later
    expect(first.week).toBe('2025-W43');
    expect(plain(second)).toEqual(plain(first));
  });
});

describe('daysBetween and addDays', () => {
  it('counts whole calendar days, negative when going back', () => {
    expect(daysBetween(day('2025-06-30'), day('2025-07-04'))).toBe(4);
    expect(daysBetween(day('2025-07-04'), day('2025-06-30'))).toBe(-4);
    expect(daysBetween(day('2025-07-04'), day('2025-07-04'))).toBe(0);
    expect(daysBetween(day('2024-12-30'), day('2025-01-05'))).toBe(6);
  });

  it('counts February by the calendar: 29 days in a leap year, 28 otherwise', () => {
    expect(daysBetween(day('2024-02-28'), day('2024-03-01'))).toBe(2);
    expect(daysBetween(day('2025-02-28'), day('2025-03-01'))).toBe(1);
    expect(daysBetween(day('2024-01-01'), day('2025-01-01'))).toBe(366);
  });

  it('is not thrown off by a daylight-saving week: a calendar week is always 7 days', () => {
    const week = cycleWeekOf(at('2025-03-30T10:00:00Z'), 'Europe/Berlin');
    expect(daysBetween(week.firstDay, week.lastDay)).toBe(6);
    expect(daysBetween(day('2025-10-20'), day('2025-10-27'))).toBe(7);
  });

  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays(day('2024-12-30'), 6)).toBe('2025-01-05');
    expect(addDays(day('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(day('2025-02-28'), 1)).toBe('2025-03-01');
    expect(addDays(day('2025-03-01'), -1)).toBe('2025-02-28');
    expect(addDays(day('2025-07-04'), 0)).toBe('2025-07-04');
  });

  it('undoes daysBetween: adding the days between two days gets from one to the other', () => {
    const pairs: [string, string][] = [['2025-06-30', '2025-07-04'], ['2025-07-04', '2025-06-30'], ['2023-12-25', '2024-03-02'], ['2026-12-28', '2027-01-03']];
    for (const [from, to] of pairs) expect(addDays(day(from), daysBetween(day(from), day(to)))).toBe(to);
  });

  it('gives the last day of a week as its first day plus six', () => {
    for (const iso of ['2025-07-02T01:00:00Z', '2026-12-31T04:00:00Z', '2025-10-26T11:00:00Z']) {
      const week = cycleWeekOf(at(iso), 'Asia/Shanghai');
      expect(addDays(week.firstDay, 6)).toBe(week.lastDay);
    }
  });
});
