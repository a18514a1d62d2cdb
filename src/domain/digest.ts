import type { CalendarDate } from './calendar-date.ts';
import { addDays, daysBetween, type CycleWeek } from './cycle-week.ts';
import { MILESTONES_DUE_DAYS, taskStatus, type Light, type StatusReason, type TaskFacts, type Thresholds } from './status.ts';

/** Whether prompts reach a person: linked and not blocking the bot, not linked yet, or blocking it. */
export type Reach = 'reachable' | 'unlinked' | 'unreachable';

/** A task as the digest sees it: who answers for it, and the facts its light comes from. */
export interface DigestTask {
  id: number;
  code: string;
  title: string;
  unit: string;
  owner: string;
  ownerReach: Reach;
  leader: string;
  leaderId: number;
  facts: TaskFacts;
  /** The latest answer's note, if any. */
  note: string | null;
}

export interface DigestEntry {
  code: string;
  title: string;
  unit: string;
  owner: string;
  light: Light;
  /** The latest reported percent; null if never reported. */
  progress: number | null;
  expected: number;
  reportedThisCycle: boolean;
  reasons: StatusReason[];
  note: string | null;
}

export interface UnitLine {
  unit: string;
  tasks: number;
  reported: number;
  onTrack: number;
  averageProgress: number;
  /** Average progress minus average expected progress, in points (negative: behind). */
  progressGap: number;
  rank: number;
  /** Places moved since last week's digest (positive: up); null if the unit was not ranked then. */
  move: number | null;
}

/** A milestone falling due in the coming week, not yet done. */
export interface MilestoneDue {
  code: string;
  title: string;
  unit: string;
  owner: string;
  date: CalendarDate;
  description: string;
  days: number;
}

/** Last week's digest, as much of it as this week's compares with. */
export interface PreviousDigest {
  counts: Record<Light, number>;
  /** Unit names in rank order. */
  unitRanking: string[];
}

export interface SilentPerson {
  owner: string;
  unit: string;
  reach: Reach;
  codes: string[];
}

/** The weekly digest (督查周报) as data: what it says, before any wording. */
export interface Digest {
  week: string;
  firstDay: CalendarDate;
  lastDay: CalendarDate;
  reported: number;
  total: number;
  counts: Record<Light, number>;
  /** Last week's counts, for the change; null in the first week. */
  previousCounts: Record<Light, number> | null;
  /** Red, then yellow: everything that needs a leader's attention. */
  attention: DigestEntry[];
  milestonesDue: MilestoneDue[];
  /** Units ranked side by side (互学互比): reporting rate, share on track, progress against expected. */
  units: UnitLine[];
  silent: SilentPerson[];
}

const lightOrder: Record<Light, number> = { red: 0, yellow: 1, green: 2, done: 3 };

/** A unit's open tasks, counted as the digest goes through them. */
interface UnitTally {
  unit: string;
  tasks: number;
  reported: number;
  onTrack: number;
  progressSum: number;
  gapSum: number;
}

/**
 * Builds the digest of a cycle from its tasks, in one pass that keeps only what the digest
 * lists: at 100,000 tasks an entry for every task was most of the work. Closed-out tasks count
 * as done and are not asked for; they stay out of the reporting rate. A leader's portfolio is the
 * same digest built from the tasks in their charge.
 */
export function buildDigest(input: {
  week: CycleWeek;
  today: CalendarDate;
  tasks: readonly DigestTask[];
  thresholds?: Thresholds;
  previous?: PreviousDigest | null;
}): Digest {
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, done: 0 };
  const attention: DigestEntry[] = [];
  const tallies = new Map<string, UnitTally>();
  const silentBy = new Map<string, SilentPerson>();
  const milestonesDue: MilestoneDue[] = [];
  const soonest = addDays(input.today, MILESTONES_DUE_DAYS);
  let reported = 0;
  let total = 0;

  for (const task of input.tasks) {
    if (!task.facts.closedOut) {
      for (const m of task.facts.milestones) {
        if (m.done || m.due <= input.today || m.due > soonest) continue;
        milestonesDue.push({ code: task.code, title: task.title, unit: task.unit, owner: task.owner, date: m.due, description: m.description, days: daysBetween(input.today, m.due) });
      }
    }
    const status = taskStatus(task.facts, input.today, input.thresholds);
    counts[status.light] += 1;
    if (status.light === 'done') continue;

    const progress = task.facts.latest?.percent ?? null;
    const reportedThisCycle = task.facts.silentCycles === 0;
    total += 1;
    if (reportedThisCycle) reported += 1;
    let tally = tallies.get(task.unit);
    if (!tally) tallies.set(task.unit, (tally = { unit: task.unit, tasks: 0, reported: 0, onTrack: 0, progressSum: 0, gapSum: 0 }));
    tally.tasks += 1;
    if (reportedThisCycle) tally.reported += 1;
    if (status.light === 'green') tally.onTrack += 1;
    tally.progressSum += progress ?? 0;
    tally.gapSum += (progress ?? 0) - status.expected;

    if (status.light !== 'green') {
      attention.push({
        code: task.code, title: task.title, unit: task.unit, owner: task.owner, light: status.light, progress, expected: status.expected,
        reportedThisCycle, reasons: status.reasons, note: task.note,
      });
    }
    if (!reportedThisCycle) {
      const key = `${task.unit}\u0000${task.owner}`;
      const person = silentBy.get(key);
      if (person) person.codes.push(task.code);
      else silentBy.set(key, { owner: task.owner, unit: task.unit, reach: task.ownerReach, codes: [task.code] });
    }
  }

  attention.sort((a, b) => lightOrder[a.light] - lightOrder[b.light] || b.reasons.length - a.reasons.length || a.code.localeCompare(b.code));
  milestonesDue.sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code));
  const lines = [...tallies.values()].map(({ progressSum, gapSum, ...tally }) => ({
    ...tally,
    averageProgress: Math.round(progressSum / tally.tasks),
    progressGap: Math.round(gapSum / tally.tasks),
  }));
  lines.sort(
    (a, b) =>
      b.reported / b.tasks - a.reported / a.tasks || b.onTrack / b.tasks - a.onTrack / a.tasks || b.progressGap - a.progressGap || a.unit.localeCompare(b.unit),
  );
  const previousRank = new Map(input.previous?.unitRanking.map((unit, index) => [unit, index + 1]));
  const units = lines.map((line, index): UnitLine => {
    const before = previousRank.get(line.unit);
    return { ...line, rank: index + 1, move: before === undefined ? null : before - (index + 1) };
  });

  return {
    week: input.week.week,
    firstDay: input.week.firstDay,
    lastDay: input.week.lastDay,
    reported,
    total,
    counts,
    previousCounts: input.previous?.counts ?? null,
    attention,
    milestonesDue,
    units,
    silent: [...silentBy.values()]
      .sort((a, b) => a.unit.localeCompare(b.unit) || a.owner.localeCompare(b.owner))
      .map((person) => ({ ...person, codes: person.codes.sort((a, b) => a.localeCompare(b)) })),
  };
}
