import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { promptMessage } from '../render/prompt-message.ts';
import { openCycle } from '../store/cycles.ts';
import { openInstructionsByTask } from '../store/instructions.ts';
import { inRounds } from '../domain/in-rounds.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { promptTargets, type PromptTarget } from '../store/weekly.ts';
import { leavesBetween, type Leave } from '../store/leaves.ts';
import { claimStepRun } from '../store/step-runs.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';
import { inTransaction } from '../db/transaction.ts';

/**
 * Who is asked about each task: its responsible person, or while they are on leave their deputy,
 * told whose task it is; with nobody standing in, nobody (the digest shows the task on leave).
 */
function routedAroundLeave(targets: readonly PromptTarget[], away: ReadonlyMap<number, Leave>): (PromptTarget & { recipientId: number; standInFor?: string })[] {
  return targets.flatMap((target) => {
    const leave = away.get(target.ownerId);
    if (!leave) return [{ ...target, recipientId: target.ownerId }];
    if (leave.deputyId === null || leave.deputyChat === null) return [];
    return [{ ...target, chatId: leave.deputyChat, recipientId: leave.deputyId, standInFor: leave.person }];
  });
}

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
    const today = calendarDateIn(now, config.timezone);
    const targets = routedAroundLeave(await promptTargets(trx, today), await leavesBetween(trx, today, today));
    const instructions = await openInstructionsByTask(trx);
    const queued = await enqueueMessages(
      trx,
      inRounds(targets, (target) => target.chatId).map((target) => {
        const { text, reply_markup } = promptMessage({ week, ...target, instructions: instructions.get(target.taskId) }, t);
        return { dedupeKey: `prompt:${cycle.id}:${target.taskId}`, chatId: target.chatId, text, replyMarkup: reply_markup, personId: target.recipientId, taskId: target.taskId, cycleId: cycle.id };
      }),
      now,
    );
    return { ran: true, week: week.week, queued, skipped: targets.length - queued };
  });
}
