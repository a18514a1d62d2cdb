/** A person's answer about a task, before the rules decide whether it counts. */
export interface AnswerChange {
  percent: number | null;
  blocked: boolean;
  sameAsBefore: boolean;
}

export type AnswerProblem = 'notYours' | 'closed' | 'noEarlier' | 'noEarlierBlocked' | 'missingPercent';

/**
 * Whether an answer can be recorded, and the percent it records: only whoever may answer for the
 * task (`may.answer`), a closed-out task takes no answers, "no change" and "blocked" keep the last
 * percent; with none before, "blocked" needs a percent (recording 0% would say what nobody said).
 *
 * @example resolveAnswer({ …, change: { percent: null, sameAsBefore: true, blocked: false }, previous: { percent: 40 } }) // { ok: true, percent: 40, blocked: false }
 */
export function resolveAnswer(input: {
  mayAnswer: boolean;
  isOpen: boolean;
  change: AnswerChange;
  previous: { percent: number } | null;
}): { ok: true; percent: number; blocked: boolean } | { ok: false; problem: AnswerProblem } {
  if (!input.mayAnswer) return { ok: false, problem: 'notYours' };
  if (!input.isOpen) return { ok: false, problem: 'closed' };
  const { change, previous } = input;
  if (change.percent !== null) return { ok: true, percent: change.percent, blocked: change.blocked };
  if (change.blocked) return previous ? { ok: true, percent: previous.percent, blocked: true } : { ok: false, problem: 'noEarlierBlocked' };
  if (change.sameAsBefore) return previous ? { ok: true, percent: previous.percent, blocked: false } : { ok: false, problem: 'noEarlier' };
  return { ok: false, problem: 'missingPercent' };
}

/** An answer as recorded, for its acknowledgement. */
export interface RecordedAnswer {
  code: string;
  title: string;
  percent: number;
  blocked: boolean;
  late: boolean;
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
  evidenceCount: number;
}
