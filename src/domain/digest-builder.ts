import type { CalendarDate } from './calendar-date.ts';
import { addDays, daysBetween, type CycleWeek } from './cycle-week.ts';
import type { Digest, DigestEntry, DigestTask, MilestoneDone, MilestoneDue, PreviousDigest, SilentPerson, UnitAssessment, UnitLine } from './digest.ts';
import { MILESTONES_DUE_DAYS, taskStatus, type Light, type TaskStatus, type Thresholds } from './status.ts';

/** What a digest is of: the cycle's week, the day it is built, the rules, last week's digest. */
export interface DigestSettings {
  week: CycleWeek;
  today: CalendarDate;
  thresholds?: Thresholds;
  previous?: PreviousDigest | null;
  /**
   * At most this many on-track lines are kept; past it they are only counted by unit. A digest
   * whose budget cannot hold them folds them anyway, and at 100,000 tasks holding them all cost
   * more memory and time than the rest of the digest.
   */
  onTrackListed?: number;
  /** The public board's address (PUBLIC_URL): a public task's line links to its page there. */
  publicUrl?: string;
  /** Each unit's standing in its latest closed assessment round, by unit name (条块双向考核). */
  assessments?: ReadonlyMap<string, UnitAssessment>;
  /** The day the digest was due, when a public holiday moved it. */
  movedFrom?: Digest['movedFrom'];
}

/** A unit's open tasks, counted as the digest goes through them. */
interface UnitTally {
  unit: string;
  tasks: number;
  reported: number;
  onTrack: number;
  extended: number;
  lights: Record<Light, number>;
  progressSum: number;
  gapSum: number;
}

const lightOrder: Record<Light, number> = { red: 0, yellow: 1, green: 2, done: 3 };

/** Text in the user's order; one collator, since `localeCompare` sets one up per call and a digest sorts thousands. */
const byText = new Intl.Collator().compare;
/** Task codes are short and Latin: compared as they are, which is many times faster than a collator. */
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * A digest built task by task, keeping only what it lists (every task's line, the silent, the
 * milestones done and due) and counts: tasks read in parts need not all be held at once, and one pass can
 * feed the group's digest and each leader's portfolio. Closed-out tasks count as done and are not
 * asked for; they stay out of the reporting rate.
 *
 * @example const builder = new DigestBuilder({ week, today }); for (const task of tasks) builder.add(task); builder.digest()
 */
export class DigestBuilder {
  readonly #settings: DigestSettings;
  readonly #soonest: CalendarDate;
  readonly #counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, done: 0 };
  readonly #attention: DigestEntry[] = [];
  readonly #onTrack: DigestEntry[] = [];
  readonly #onTrackPerUnit = new Map<string, number>();
  readonly #milestonesDone: MilestoneDone[] = [];
  readonly #tallies = new Map<string, UnitTally>();
  readonly #silent = new Map<string, SilentPerson>();
  readonly #onLeave = new Map<string, SilentPerson>();
  readonly #milestonesDue: MilestoneDue[] = [];

  constructor(settings: DigestSettings) {
    this.#settings = settings;
    this.#soonest = addDays(settings.today, MILESTONES_DUE_DAYS);
  }

  /** Counts a task in, with its light as the rules give it (pass it when already known). */
  add(task: DigestTask, status: TaskStatus = taskStatus(task.facts, this.#settings.today, this.#settings.thresholds)): void {
    const { today, week } = this.#settings;
    for (const m of task.facts.milestones) {
      if (m.doneOn && m.doneOn >= week.firstDay && m.doneOn <= week.lastDay) {
        this.#milestonesDone.push({ code: task.code, title: task.title, unit: task.unit, owner: task.owner, date: m.due, description: m.description, doneOn: m.doneOn });
      }
    }
    if (!task.facts.closedOut) {
      for (const m of task.facts.milestones) {
        // Due today counts as coming: it is not overdue until tomorrow.
        if (m.done || m.due < today || m.due > this.#soonest) continue;
        this.#milestonesDue.push({ code: task.code, title: task.title, unit: task.unit, owner: task.owner, date: m.due, description: m.description, days: daysBetween(today, m.due) });
      }
    }
    this.#counts[status.light] += 1;
    let tally = this.#tallies.get(task.unit);
    if (!tally) this.#tallies.set(task.unit, (tally = { unit: task.unit, tasks: 0, reported: 0, onTrack: 0, extended: 0, lights: { red: 0, yellow: 0, green: 0, done: 0 }, progressSum: 0, gapSum: 0 }));
    tally.lights[status.light] += 1;
    const progress = task.facts.latest?.percent ?? null;
    const reportedThisCycle = task.facts.silentCycles === 0;
    const needsAttention = status.light === 'red' || status.light === 'yellow';
    if (!needsAttention) this.#onTrackPerUnit.set(task.unit, (this.#onTrackPerUnit.get(task.unit) ?? 0) + 1);
    if (needsAttention || this.#onTrack.length < (this.#settings.onTrackListed ?? Infinity)) {
      const entry: DigestEntry = {
        code: task.code, title: task.title, unit: task.unit, owner: task.owner, leader: task.leader, light: status.light, progress, expected: status.expected,
        reportedThisCycle, reasons: status.reasons, note: task.note,
        link: task.isPublic && this.#settings.publicUrl ? publicTaskUrl(this.#settings.publicUrl, task.code) : null,
        extendedFrom: task.extendedFrom ?? null,
        answeredBy: task.answeredBy ?? null,
      };
      (needsAttention ? this.#attention : this.#onTrack).push(entry);
    }
    if (status.light === 'done') return;

    tally.tasks += 1;
    // A task whose owner is on leave with nobody standing in is excused, not silent.
    const excused = !reportedThisCycle && task.facts.onLeave === true;
    if (reportedThisCycle || excused) tally.reported += 1;
    if (task.extendedFrom) tally.extended += 1;
    else if (status.light === 'green') tally.onTrack += 1;
    tally.progressSum += progress ?? 0;
    tally.gapSum += (progress ?? 0) - status.expected;

    if (!reportedThisCycle) {
      const list = excused ? this.#onLeave : this.#silent;
      const key = `${task.unit}\u0000${task.owner}`;
      const person = list.get(key);
      if (person) person.codes.push(task.code);
      else list.set(key, { owner: task.owner, unit: task.unit, reach: task.ownerReach, codes: [task.code] });
    }
  }

  /** What is on track, by unit (the units put in order once), then light and code. */
  #onTrackByUnit(): DigestEntry[] {
    const units = [...this.#tallies.keys()].sort(byText);
    const place = new Map(units.map((unit, index) => [unit, index]));
    return [...this.#onTrack].sort((a, b) => place.get(a.unit)! - place.get(b.unit)! || lightOrder[a.light] - lightOrder[b.light] || byCode(a, b));
  }

  /** The digest of every task added, each list in the order it is shown. */
  digest(): Digest {
    const { week, previous } = this.#settings;
    // A unit whose every task is closed out has nothing left to rank.
    const tallies = [...this.#tallies.values()].filter((tally) => tally.tasks > 0);
    const lines = tallies.map(({ progressSum, gapSum, ...tally }) => ({
      ...tally,
      lights: { ...tally.lights },
      averageProgress: Math.round(progressSum / tally.tasks),
      progressGap: Math.round(gapSum / tally.tasks),
    }));
    lines.sort(
      (a, b) =>
        b.reported / b.tasks - a.reported / a.tasks || b.onTrack / b.tasks - a.onTrack / a.tasks || b.progressGap - a.progressGap || a.unit.localeCompare(b.unit),
    );
    const previousRank = new Map(previous?.unitRanking.map((unit, index) => [unit, index + 1]));
    const units = lines.map((line, index): UnitLine => {
      const before = previousRank.get(line.unit);
      return { ...line, rank: index + 1, move: before === undefined ? null : before - (index + 1), assessment: this.#settings.assessments?.get(line.unit) ?? null };
    });
    return {
      week: week.week,
      movedFrom: this.#settings.movedFrom ?? null,
      firstDay: week.firstDay,
      lastDay: week.lastDay,
      reported: tallies.reduce((sum, tally) => sum + tally.reported, 0),
      total: tallies.reduce((sum, tally) => sum + tally.tasks, 0),
      counts: { ...this.#counts },
      previousCounts: previous?.counts ?? null,
      attention: [...this.#attention].sort((a, b) => lightOrder[a.light] - lightOrder[b.light] || b.reasons.length - a.reasons.length || byCode(a, b)),
      onTrack: this.#onTrackByUnit(),
      onTrackPerUnit: [...this.#onTrackPerUnit].map(([unit, count]) => ({ unit, count })).sort((a, b) => b.count - a.count || byText(a.unit, b.unit)),
      milestonesDone: [...this.#milestonesDone].sort((a, b) => a.doneOn.localeCompare(b.doneOn) || a.code.localeCompare(b.code)),
      milestonesDue: [...this.#milestonesDue].sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code)),
      units,
      onLeave: [...this.#onLeave.values()],
      silent: [...this.#silent.values()]
        .sort((a, b) => a.unit.localeCompare(b.unit) || a.owner.localeCompare(b.owner))
        .map((person) => ({ ...person, codes: [...person.codes].sort((a, b) => a.localeCompare(b)) })),
    };
  }
}

/**
 * A task's page on the public board.
 *
 * @example publicTaskUrl('https://board.example.gov.cn', 'ZX-01') // 'https://board.example.gov.cn/tasks/ZX-01'
 */
export function publicTaskUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/tasks/${encodeURIComponent(code)}`;
}
