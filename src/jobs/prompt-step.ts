import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { promptMessage } from '../render/prompt-message.ts';
import { openCycle } from '../store/cycles.ts';
import { openInstructionsByTask } from '../store/instructions.ts';
import { inRounds } from '../domain/in-rounds.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { promptTargets } from '../store/weekly.ts';
import { claimStepRun } from '../store/step-runs.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';
import { inTransaction } from '../db/transaction.ts';

export interface PromptRun {
  /** false when a scheduled run found its slot already taken. */
  ran: boolean;
  week: string;
  /** Prompts written now. */
  queued: number;
  /** Tasks already prompted this cycle, not asked again. */
  skipped: number;
}

/**
 * Opens this week's cycle and prompts every linked owner about each open task. Each prompt's
 * key is `prompt:<cycle>:<task>`, so running it again (a second `cli prompt`, a restart) asks
 * only about tasks not yet asked, such as those imported since.
 */
export async function runPromptStep({ db, config, t }: StepDeps, now: Date, claim?: StepClaim): Promise<PromptRun> {
  const week = cycleWeekOf(now, config.timezone);
  return inTransaction(db, async (trx) => {
    if (claim && !(await claimStepRun(trx, 'prompt', claim.slot, claim.by, now))) return { ran: false, week: week.week, queued: 0, skipped: 0 };
    const cycle = await openCycle(trx, week, now);
    const targets = await promptTargets(trx, calendarDateIn(now, config.timezone));
    const instructions = await openInstructionsByTask(trx);
    const queued = await enqueueMessages(
      trx,
      inRounds(targets, (target) => target.chatId).map((target) => {
        const { text, reply_markup } = promptMessage({ week, ...target, instructions: instructions.get(target.taskId) }, t);
        return { dedupeKey: `prompt:${cycle.id}:${target.taskId}`, chatId: target.chatId, text, replyMarkup: reply_markup, personId: target.ownerId, taskId: target.taskId, cycleId: cycle.id };
      }),
      now,
    );
    return { ran: true, week: week.week, queued, skipped: targets.length - queued };
  });
}
