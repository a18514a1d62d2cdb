import { parseReportText } from '../domain/report-text.ts';
import { answerRecordedMessage } from '../render/answer-message.ts';
import { htmlTranslator } from '../render/html.ts';
import { addToLatestAnswer, recordAnswer, type TaskRef } from '../store/check-ins.ts';
import { currentWeek, html, replyAboutTask, replyWithOutcome, replyWithProblem } from './answers.ts';
import type { BotContext, BotDeps } from './context.ts';

/**
 * Records what a person wrote about a task: with a percent (or "no change", "blocked") it is a
 * new answer; without, it completes their latest answer this cycle with a note or evidence.
 */
export async function answerWithText(ctx: BotContext, deps: BotDeps, task: TaskRef, text: string, via: 'reply' | 'command', evidence: readonly string[] = []): Promise<void> {
  const person = ctx.state.person!;
  const parsed = parseReportText(text);
  if (!parsed.ok) {
    const t = htmlTranslator(deps.t);
    return void (await ctx.reply(t('answer.error.range', { value: parsed.value ?? text }), html));
  }
  const report = parsed.value;
  const week = currentWeek(deps);
  if (report.percent === null && !report.blocked && !report.sameAsBefore) {
    if (task.ownerId !== person.id) return replyWithProblem(ctx, deps, 'notYours', task.code);
    if (task.status !== 'open') return replyWithProblem(ctx, deps, 'closed', task.code);
    const added = await addToLatestAnswer(deps.db, person.id, task, { note: report.note, problems: report.problems, nextSteps: report.nextSteps, evidence }, week);
    if (!added) return replyWithProblem(ctx, deps, evidence.length > 0 && !report.note ? 'noCheckIn' : 'missingPercent', task.code);
    return replyAboutTask(ctx, deps, answerRecordedMessage(added, deps.t, { askForNote: false }), task);
  }
  const outcome = await recordAnswer(deps.db, person.id, task, { ...report, evidence, via }, deps.now(), week);
  await replyWithOutcome(ctx, deps, task, outcome, { askForNote: false });
}
