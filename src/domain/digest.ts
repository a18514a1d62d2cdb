import type { CalendarDate } from './calendar-date.ts';
import { addDays, daysBetween, type CycleWeek } from './cycle-week.ts';
import { MILESTONES_DUE_DAYS, taskStatus, type Light, type StatusReason, type TaskFacts, type Thresholds } from './status.ts';
import { groupBy } from './group-by.ts';

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

/**
 * Builds the digest of a cycle from its tasks. Closed-out tasks count as done and are not
 * asked for; they stay out of the reporting rate. A leader's portfolio is the same digest
 * built from the tasks in their charge.
 */
export function buildDigest(input: {
  week: CycleWeek;
  today: CalendarDate;
  tasks: readonly DigestTask[];
  thresholds?: Thresholds;
  previous?: PreviousDigest | null;
}): Digest {
  const entries = input.tasks.map((task): DigestEntry => {
    const status = taskStatus(task.facts, input.today, input.thresholds);
    return {
      code: task.code, title: task.title, unit: task.unit, owner: task.owner,
      light: status.light, progress: task.facts.latest?.percent ?? null, expected: status.expected,
      reportedThisCycle: task.facts.silentCycles === 0, reasons: status.reasons, note: task.note,
    };
  });
  const open = entries.filter((entry) => entry.light !== 'done');
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, done: 0 };
  for (const entry of entries) counts[entry.light] += 1;

  const attention = open
    .filter((entry) => entry.light === 'red' || entry.light === 'yellow')
    .sort((a, b) => lightOrder[a.light] - lightOrder[b.light] || b.reasons.length - a.reasons.length || a.code.localeCompare(b.code));

  const byUnit = groupBy(open, (entry) => entry.unit);
  const average = (values: number[]) => Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
  const lines = [...byUnit].map(([unit, list]) => ({
    unit,
    tasks: list.length,
    reported: list.filter((e) => e.reportedThisCycle).length,
    onTrack: list.filter((e) => e.light === 'green').length,
    averageProgress: average(list.map((e) => e.progress ?? 0)),
    progressGap: average(list.map((e) => (e.progress ?? 0) - e.expected)),
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

  const soonest = addDays(input.today, MILESTONES_DUE_DAYS);
  const milestonesDue: MilestoneDue[] = [];
  for (const task of input.tasks) {
    if (task.facts.closedOut) continue;
    for (const m of task.facts.milestones) {
      if (m.done || m.due <= input.today || m.due > soonest) continue;
      milestonesDue.push({ code: task.code, title: task.title, unit: task.unit, owner: task.owner, date: m.due, description: m.description, days: daysBetween(input.today, m.due) });
    }
  }
  milestonesDue.sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code));

  // Entries are the tasks' in the same order: a silent entry's reach is its task's.
  const silentBy = new Map<string, SilentPerson>();
  entries.forEach((entry, i) => {
    if (entry.light === 'done' || entry.reportedThisCycle) return;
    const key = `${entry.unit}\u0000${entry.owner}`;
    const person = silentBy.get(key) ?? { owner: entry.owner, unit: entry.unit, reach: input.tasks[i]!.ownerReach, codes: [] };
    person.codes.push(entry.code);
    silentBy.set(key, person);
  });

  return {
    week: input.week.week,
    firstDay: input.week.firstDay,
    lastDay: input.week.lastDay,
    reported: open.filter((e) => e.reportedThisCycle).length,
    total: open.length,
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
