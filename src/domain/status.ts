import type { CalendarDate } from './calendar-date.ts';
import { addDays, daysBetween } from './cycle-week.ts';

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
}

export const defaultThresholds: Thresholds = { redBehind: 25, yellowBehind: 10, milestoneSoonDays: 7, redSilentCycles: 2 };

/** How far ahead the digest lists milestones falling due. */
export const MILESTONES_DUE_DAYS = 7;

/**
 * The last day whose milestones can change a light or a digest today: every milestone due by
 * then must be in `TaskFacts.milestones`; later ones may be left out and only counted.
 */
export function milestonesThatMatterUntil(today: CalendarDate, thresholds: Thresholds = defaultThresholds): CalendarDate {
  return addDays(today, Math.max(thresholds.milestoneSoonDays, MILESTONES_DUE_DAYS));
}

/** What the rules need to know about a task on a given day. */
export interface TaskFacts {
  start: CalendarDate;
  due: CalendarDate;
  closedOut: boolean;
  milestones: readonly { due: CalendarDate; description: string; done: boolean }[];
  /**
   * How many milestones the task has in all, when `milestones` lists only those that can matter
   * today (see `milestonesThatMatterUntil`): a digest of 100,000 tasks need not read the rest.
   */
  milestoneCount?: number;
  /** The latest answer of any cycle; null if the task was never reported. */
  latest: { percent: number; blocked: boolean } | null;
  /** Cycles in a row, up to and including the current one, without an answer (0: answered this cycle). */
  silentCycles: number;
}

export interface TaskStatus {
  light: Light;
  reasons: StatusReason[];
  /** Progress expected by today, counted back from the deadline (倒逼). */
  expected: number;
  progress: number;
}

/**
 * Expected progress: where the task has milestones, the share of them due by today; otherwise
 * the share of its time that has passed.
 */
export function expectedProgress(facts: Pick<TaskFacts, 'start' | 'due' | 'milestones' | 'milestoneCount'>, today: CalendarDate): number {
  const milestones = facts.milestoneCount ?? facts.milestones.length;
  if (milestones > 0) return Math.round((100 * facts.milestones.filter((m) => m.due <= today).length) / milestones);
  const span = daysBetween(facts.start, facts.due);
  if (span <= 0) return today >= facts.due ? 100 : 0;
  return Math.round(Math.min(100, Math.max(0, (100 * daysBetween(facts.start, today)) / span)));
}

/**
 * The light and every reason for it, red reasons first.
 *
 * @example taskStatus(facts, '2025-07-04', defaultThresholds) // { light: 'red', reasons: [{ code: 'overdue', days: 4 }], … }
 */
export function taskStatus(facts: TaskFacts, today: CalendarDate, thresholds: Thresholds = defaultThresholds): TaskStatus {
  const expected = expectedProgress(facts, today);
  const progress = facts.latest?.percent ?? 0;
  if (facts.closedOut) return { light: 'done', reasons: [{ code: 'closedOut' }], expected, progress };

  const red: StatusReason[] = [];
  const yellow: StatusReason[] = [];
  if (today > facts.due) red.push({ code: 'overdue', days: daysBetween(facts.due, today) });
  for (const m of facts.milestones.filter((m) => !m.done)) {
    const days = daysBetween(today, m.due);
    if (days < 0) red.push({ code: 'milestoneOverdue', date: m.due, description: m.description, days: -days });
    else if (days <= thresholds.milestoneSoonDays) yellow.push({ code: 'milestoneSoon', date: m.due, description: m.description, days });
  }
  if (facts.silentCycles >= thresholds.redSilentCycles) red.push({ code: 'silent', cycles: facts.silentCycles });
  else if (facts.silentCycles > 0) yellow.push({ code: 'silent', cycles: facts.silentCycles });
  if (facts.latest?.blocked) red.push({ code: 'blocked' });
  const behind = expected - progress;
  const reported = facts.latest?.percent ?? null;
  if (behind > thresholds.redBehind) red.push({ code: 'behind', reported, expected });
  else if (behind > thresholds.yellowBehind) yellow.push({ code: 'behind', reported, expected });

  const light: Light = red.length > 0 ? 'red' : yellow.length > 0 ? 'yellow' : 'green';
  return { light, reasons: [...red, ...yellow], expected, progress };
}
