import type { CalendarDate } from './calendar-date.ts';
import { daysBetween } from './cycle-week.ts';

/** The traffic light of a task (红黄绿灯), DESIGN.md "Status rules". */
export type Light = 'done' | 'red' | 'yellow' | 'green';

/** Why a task has its light, as data; the catalogs put it in words. */
export type StatusReason =
  | { code: 'closedOut' }
  | { code: 'overdue'; days: number }
  | { code: 'milestoneOverdue'; date: CalendarDate; description: string; days: number }
  | { code: 'silent'; cycles: number }
  | { code: 'blocked' }
  /** `reported` is null when the task was never reported. */
  | { code: 'behind'; reported: number | null; expected: number }
  | { code: 'milestoneSoon'; date: CalendarDate; description: string; days: number };

export interface Thresholds {
  /** Points behind expected progress that make a task red. */
  redBehind: number;
  /** Points behind expected progress that make a task yellow. */
  yellowBehind: number;
  /** A milestone due within this many days, not done, makes a task yellow. */
  milestoneSoonDays: number;
  /** Cycles in a row without a report that make a task red. */
  redSilentCycles: number;
  /**
   * Mondays of the weeks with no working day (a week off for a public holiday): expected
   * progress does not grow over them. None by default.
   */
  pausedWeeks?: readonly CalendarDate[];
}

export const defaultThresholds: Thresholds = { redBehind: 25, yellowBehind: 10, milestoneSoonDays: 7, redSilentCycles: 2 };

/** How far ahead the digest lists milestones falling due. */
export const MILESTONES_DUE_DAYS = 7;

/** What the rules need to know about a task on a given day. */
export interface TaskFacts {
  start: CalendarDate;
  /** null: a standing task (长期坚持, 常态化), never overdue, expected to keep up with its milestones only. */
  due: CalendarDate | null;
  closedOut: boolean;
  /** Every milestone, by date; `doneOn`, where known, the day it was marked done. */
  milestones: readonly { due: CalendarDate; description: string; done: boolean; share: number | null; doneOn?: CalendarDate | null }[];
  /** The latest answer of any cycle; null if the task was never reported. */
  latest: { percent: number; blocked: boolean } | null;
  /** Cycles in a row, up to and including the current one, without an answer (0: answered this cycle). */
  silentCycles: number;
  /** Its responsible person is on leave with nobody standing in: not counted silent. */
  onLeave?: boolean;
}

export interface TaskStatus {
  light: Light;
  reasons: StatusReason[];
  /** Progress expected by today, counted back from the deadline (倒逼). */
  expected: number;
  progress: number;
}

/** A point of the curve expected progress follows: by `date`, `share` percent done. */
export interface CurvePoint {
  date: CalendarDate;
  share: number;
}

/**
 * The curve expected progress follows, counted back from the deadline (倒逼): (start, 0%), each
 * milestone strictly between start and due at its share, (due, 100%). A milestone without a share
 * is spaced evenly in value between its neighbours that have one (k of them with none at all:
 * 1/(k+1), 2/(k+1), …). Milestones on or outside the start and the due date add no point: by the
 * due date everything is expected.
 *
 * @example progressCurve({ start: '2026-01-01', due: '2026-12-31', milestones: [{ due: '2026-06-30', share: null }] }) // 0% → 50% on 06-30 → 100%
 */
export function progressCurve(task: Pick<TaskFacts, 'start' | 'due' | 'milestones'>): CurvePoint[] {
  const facts = curved(task);
  if (!facts) return [{ date: task.start, share: 0 }];
  const inner = facts.milestones.filter((m) => m.due > facts.start && m.due < facts.due);
  const points: { date: CalendarDate; share: number | null }[] = [{ date: facts.start, share: 0 }, ...inner.map((m) => ({ date: m.due, share: m.share })), { date: facts.due, share: facts.endShare ?? 100 }];
  let anchor = 0;
  for (let i = 1; i < points.length; i += 1) {
    if (points[i]!.share === null) continue;
    const from = points[anchor]!.share!;
    const to = Math.max(from, points[i]!.share!);
    for (let k = anchor + 1; k < i; k += 1) points[k]!.share = from + ((to - from) * (k - anchor)) / (i - anchor);
    points[i]!.share = to;
    anchor = i;
  }
  return points as CurvePoint[];
}

/** A curve's ends and milestones: by `due`, `endShare` percent (100 unless a standing task's last milestone says less). */
interface Curved {
  start: CalendarDate;
  due: CalendarDate;
  endShare?: number;
  milestones: readonly { due: CalendarDate; share: number | null }[];
}

/** A task's curve: to its due date, or a standing task's to its last milestone; null: a standing task without milestones, of which nothing is expected. */
function curved(facts: Pick<TaskFacts, 'start' | 'due' | 'milestones'>): Curved | null {
  // A dated task is its own curve: the digest asks this of 100,000 tasks, so no copy is made.
  if (facts.due !== null) return facts as Curved;
  const ahead = facts.milestones.filter((m) => m.due > facts.start);
  const last = ahead.at(-1);
  return last ? { start: facts.start, due: last.due, endShare: last.share ?? 100, milestones: ahead.slice(0, -1) } : null;
}

/**
 * Progress expected by `today` on the task's curve (see `progressCurve`), straight between its
 * points, in whole percent; a task whose start is its due date expects all on that day. A
 * standing task is expected to keep up with its milestones only: its curve ends at the last
 * one, and without milestones nothing is expected of it.
 */
export function expectedProgress(task: Pick<TaskFacts, 'start' | 'due' | 'milestones'>, today: CalendarDate, pausedWeeks: readonly CalendarDate[] = []): number {
  const facts = curved(task);
  if (!facts) return 0;
  if (today >= facts.due) return facts.endShare ?? 100;
  if (today <= facts.start) return 0;
  if (facts.endShare === undefined && facts.milestones.every((m) => m.share === null)) return evenlySpaced(facts, today, pausedWeeks);
  const curve = progressCurve(task);
  let i = 1;
  while (curve[i]!.date <= today) i += 1;
  const before = curve[i - 1]!;
  const after = curve[i]!;
  return Math.round(before.share + (after.share - before.share) * along(before.date, today, after.date, pausedWeeks));
}

/** Days from one day to another, less those in weeks off: the time a curve counts. */
function workingDays(from: CalendarDate, to: CalendarDate, pausedWeeks: readonly CalendarDate[]): number {
  let days = daysBetween(from, to);
  for (const monday of pausedWeeks) {
    const overlap = Math.min(daysBetween(from, to), daysBetween(from, monday) + 7) - Math.max(0, daysBetween(from, monday));
    if (overlap > 0) days -= overlap;
  }
  return days;
}

/** How far `today` is from one point of a curve to the next, weeks off not counted: 0 to 1. */
function along(before: CalendarDate, today: CalendarDate, after: CalendarDate, pausedWeeks: readonly CalendarDate[]): number {
  if (pausedWeeks.length === 0) return daysBetween(before, today) / daysBetween(before, after);
  const span = workingDays(before, after, pausedWeeks);
  return span <= 0 ? 0 : workingDays(before, today, pausedWeeks) / span;
}

/**
 * `expectedProgress` where no milestone has a share, without building the curve: the digest asks
 * it of every task, and most tables give no shares.
 */
function evenlySpaced(facts: Curved, today: CalendarDate, pausedWeeks: readonly CalendarDate[]): number {
  let points = 0;
  let reached = 0;
  let before = facts.start;
  let after = facts.due;
  for (const m of facts.milestones) {
    if (m.due <= facts.start || m.due >= facts.due) continue;
    points += 1;
    if (m.due <= today) (reached = points), (before = m.due);
    else if (m.due < after) after = m.due;
  }
  const step = 100 / (points + 1);
  return Math.round(step * reached + step * along(before, today, after, pausedWeeks));
}

/**
 * The light and every reason for it, red reasons first.
 *
 * @example taskStatus(facts, '2025-07-04', defaultThresholds) // { light: 'red', reasons: [{ code: 'overdue', days: 4 }], … }
 */
export function taskStatus(facts: TaskFacts, today: CalendarDate, thresholds: Thresholds = defaultThresholds): TaskStatus {
  const expected = expectedProgress(facts, today, thresholds.pausedWeeks);
  const progress = facts.latest?.percent ?? 0;
  if (facts.closedOut) return { light: 'done', reasons: [{ code: 'closedOut' }], expected, progress };

  const red: StatusReason[] = [];
  const yellow: StatusReason[] = [];
  if (facts.due !== null && today > facts.due) red.push({ code: 'overdue', days: daysBetween(facts.due, today) });
  for (const m of facts.milestones.filter((m) => !m.done)) {
    const days = daysBetween(today, m.due);
    if (days < 0) red.push({ code: 'milestoneOverdue', date: m.due, description: m.description, days: -days });
    else if (days <= thresholds.milestoneSoonDays) yellow.push({ code: 'milestoneSoon', date: m.due, description: m.description, days });
  }
  if (facts.onLeave) {
    // Excused: a person on leave with nobody standing in is not silent.
  } else if (facts.silentCycles >= thresholds.redSilentCycles) red.push({ code: 'silent', cycles: facts.silentCycles });
  else if (facts.silentCycles > 0) yellow.push({ code: 'silent', cycles: facts.silentCycles });
  if (facts.latest?.blocked) red.push({ code: 'blocked' });
  const behind = expected - progress;
  const reported = facts.latest?.percent ?? null;
  if (behind > thresholds.redBehind) red.push({ code: 'behind', reported, expected });
  else if (behind > thresholds.yellowBehind) yellow.push({ code: 'behind', reported, expected });

  const light: Light = red.length > 0 ? 'red' : yellow.length > 0 ? 'yellow' : 'green';
  return { light, reasons: [...red, ...yellow], expected, progress };
}
