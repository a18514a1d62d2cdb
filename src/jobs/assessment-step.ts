import { calendarDateIn } from '../domain/calendar-date.ts';
import { inTransaction } from '../db/transaction.ts';
import { closeRound } from '../flows/assessment-rounds.ts';
import { currentWorkCalendar } from '../flows/work-calendar.ts';
import { htmlTranslator } from '../render/html.ts';
import { closesText } from '../render/assessment-words.ts';
import { unfinishedRaters } from '../store/assessment-cards.ts';
import { openRounds, roundsPastTheirDate } from '../store/assessment-rounds.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { claimStepRun } from '../store/step-runs.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';

/**
 * Closes every open round whose last day has passed (in TIMEZONE), each in a transaction of its
 * own; a round another process closed meanwhile is left to it. Returns the names closed.
 */
export async function closeDueRounds(deps: StepDeps, now: Date): Promise<string[]> {
  const today = calendarDateIn(now, deps.config.timezone);
  const closed: string[] = [];
  for (const round of await roundsPastTheirDate(deps.db, today)) {
    const outcome = await inTransaction(deps.db, (trx) => closeRound(trx, deps, round, { actor: 'schedule', now }));
    if (outcome.ok) closed.push(round.name);
  }
  return closed;
}

/**
 * Reminds every rater of an open round with cards still unscored, at the weekly cycle's reminder
 * times that fall on no public holiday: one message each per round, once per slot however many
 * processes run.
 */
export async function remindRaters(deps: StepDeps, now: Date, claim: StepClaim): Promise<number> {
  const t = htmlTranslator(deps.t);
  // Not on a public holiday: the next reminder time on a working day reminds them.
  if ((await currentWorkCalendar(deps.db, deps.config)).markOf(calendarDateIn(now, deps.config.timezone))?.kind === 'rest') return 0;
  return inTransaction(deps.db, async (trx) => {
    if (!(await claimStepRun(trx, 'assessRemind', claim.slot, claim.by, now))) return 0;
    const messages: OutgoingMessage[] = [];
    for (const round of await openRounds(trx)) {
      for (const rater of await unfinishedRaters(trx, round.id)) {
        const text = t('assess.remind', { round: round.name, left: rater.left, total: rater.total, closes: closesText(deps.t, round) });
        messages.push({ dedupeKey: `assess-remind:${round.id}:${rater.personId}:${claim.slot.toISOString()}`, chatId: rater.chatId, text, personId: rater.personId });
      }
    }
    return enqueueMessages(trx, messages, now);
  });
}
