import { parseReportText } from '../domain/report-text.ts';
import { htmlTranslator } from '../render/html.ts';
import { addToLatestAnswer, recordAnswer, type TaskRef } from '../store/check-ins.ts';
import { acknowledgement, currentWeek, queueReply, replyWithProblem } from './answers.ts';
import type { BotContext, BotDeps } from './context.ts';

/**
 * Records what a person wrote about a task: with a percent (or "no change", "blocked") it is a
 * new answer; without, it completes their latest answer this cycle with a note or evidence.
 */
export async function answerWithText(ctx: BotContext, deps: BotDeps, task: TaskRef, text: string, via: 'reply' | 'command', evidence: readonly string[] = []): Promise<void> {
  const person = ctx.state.person!;
  const parsed = parseReportText(text);
  if (!parsed.ok) return queueReply(ctx, deps, htmlTranslator(deps.t)('answer.error.range', { value: parsed.value ?? text }));
  const report = parsed.value;
  const week = currentWeek(deps);
  const acknowledge = acknowledgement(ctx, deps, task, { askForNote: false });
  if (report.percent === null && !report.blocked && !report.sameAsBefore) {
    if (task.ownerId !== person.id) return replyWithProblem(ctx, deps, 'notYours', task.code);
    if (task.status !== 'open') return replyWithProblem(ctx, deps, 'closed', task.code);
    const addition = { note: report.note, problems: report.problems, nextSteps: report.nextSteps, evidence };
    const added = await addToLatestAnswer(deps.db, person.id, task, addition, deps.now(), week, acknowledge);
    if (!added) return replyWithProblem(ctx, deps, evidence.length > 0 && !report.note ? 'noCheckIn' : 'missingPercent', task.code);
    return deps.wakeSender();
  }
  const outcome = await recordAnswer(deps.db, person.id, task, { ...report, evidence, via }, deps.now(), week, acknowledge);
  if (!outcome.ok) return replyWithProblem(ctx, deps, outcome.problem, task.code);
  deps.wakeSender();
}
