import { parseButtonValue } from '../../domain/report-text.ts';
import { PROGRESS_BUTTON } from '../../render/prompt-message.ts';
import { recordAnswer, taskById } from '../../store/check-ins.ts';
import { acknowledgement, currentWeek, replyWithProblem } from '../answers.ts';
import type { BotDeps, Handler } from '../context.ts';

/**
 * A tap on a prompt's progress button records the answer at once, then asks for a note
 * (a forced reply), which the next text fills in.
 */
export const progressButton = (deps: BotDeps): Handler => async (ctx) => {
  if (!ctx.callbackQuery || !('data' in ctx.callbackQuery)) return;
  const match = PROGRESS_BUTTON.exec(ctx.callbackQuery.data);
  const value = match ? parseButtonValue(match[2]!) : null;
  const task = match ? await taskById(deps.db, Number(match[1])) : undefined;
  const person = ctx.state.person;
  if (!person) return void (await ctx.answerCbQuery(deps.t('bot.unlinked'), { show_alert: true }));
  if (value === null || !task) return void (await ctx.answerCbQuery(deps.t('answer.error.staleButton'), { show_alert: true }));

  const outcome = await recordAnswer(
    deps.db, person.id, task,
    {
      percent: typeof value === 'number' ? value : null, blocked: value === 'blocked', sameAsBefore: value === 'same',
      note: null, problems: null, nextSteps: null, evidence: [], via: 'button',
    },
    deps.now(), currentWeek(deps), acknowledgement(ctx, deps, task, { askForNote: true }),
  );
  await ctx.answerCbQuery(outcome.ok ? `✅ ${task.code} ${outcome.answer.percent}%` : undefined);
  if (!outcome.ok) return replyWithProblem(ctx, deps, outcome.problem, task.code);
  deps.wakeSender();
};
