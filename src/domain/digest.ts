import type { CalendarDate } from './calendar-date.ts';
import { DigestBuilder, type DigestSettings } from './digest-builder.ts';
import type { Light, StatusReason, TaskFacts } from './status.ts';

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
  /** Shown on the public board (公开 = 是). */
  isPublic: boolean;
  /** Its due date before an approved extension (延期); absent or null: never extended. */
  extendedFrom?: CalendarDate | null;
  /** Who gave its latest answer in the owner's place (代报), if a deputy did. */
  answeredBy?: string | null;
}

export interface DigestEntry {
  code: string;
  title: string;
  unit: string;
  owner: string;
  /** The leader in charge (分管领导). */
  leader: string;
  light: Light;
  /** The latest reported percent; null if never reported. */
  progress: number | null;
  expected: number;
  reportedThisCycle: boolean;
  reasons: StatusReason[];
  note: string | null;
  /** The task's page on the public board, when it is public and the board has an address. */
  link: string | null;
  /** Its due date before it was extended; null if never. */
  extendedFrom: CalendarDate | null;
  /** The deputy who gave its latest answer in the owner's place; null if the owner did. */
  answeredBy: string | null;
}

export interface UnitLine {
  unit: string;
  tasks: number;
  reported: number;
  /** Its open tasks on track (green) and not extended: an extended task is not on time. */
  onTrack: number;
  /** Its open tasks whose due date was extended. */
  extended: number;
  /** The unit's tasks by light, closed-out ones (done) included; `tasks` counts the open ones. */
  lights: Record<Light, number>;
  averageProgress: number;
  /** Average progress minus average expected progress, in points (negative: behind). */
  progressGap: number;
  rank: number;
  /** Places moved since last week's digest (positive: up); null if the unit was not ranked then. */
  move: number | null;
  /** Its latest assessment round's score, beside its delivery figures; null if never scored. */
  assessment: UnitAssessment | null;
}

/** A unit's overall score and rank in the latest closed assessment round that scored it. */
export interface UnitAssessment {
  round: string;
  overall: number;
  rank: number;
  /** How many targets that round ranked. */
  ranked: number;
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

/** A milestone marked done in the cycle's week. */
export interface MilestoneDone extends Omit<MilestoneDue, 'days'> {
  doneOn: CalendarDate;
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
  /**
   * Green, then closed out, by unit and code: what is on track, with what was reported; only the
   * first of them when the builder was told to keep fewer (`onTrackListed`).
   */
  onTrack: DigestEntry[];
  /** How many tasks of each unit are on track (green or closed out), most first: all of them. */
  onTrackPerUnit: { unit: string; count: number }[];
  milestonesDone: MilestoneDone[];
  milestonesDue: MilestoneDue[];
  /** Units ranked side by side (互学互比): reporting rate, share on track, progress against expected. */
  units: UnitLine[];
  silent: SilentPerson[];
  /** Those on leave this week with nobody standing in, and their unreported tasks: not silent. */
  onLeave: SilentPerson[];
  /** Set when a public holiday moved the digest from its day: that day, and the holiday. */
  movedFrom: { day: CalendarDate; holiday: string | null } | null;
}

/**
 * Builds the digest of a cycle from its tasks (see `DigestBuilder`). A leader's portfolio is the
 * same digest built from the tasks in their charge.
 */
export function buildDigest(input: DigestSettings & { tasks: Iterable<DigestTask> }): Digest {
  const builder = new DigestBuilder(input);
  for (const task of input.tasks) builder.add(task);
  return builder.digest();
}
