import type { Types } from 'telegraf';
import type { AnswerProblem } from '../domain/answer-rules.ts';
import { cycleWeekOf, type CycleWeek } from '../domain/cycle-week.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { answerRecordedMessage } from '../render/answer-message.ts';
import { htmlTranslator } from '../render/html.ts';
import type { AnswerOutcome, TaskRef } from '../store/check-ins.ts';
import { linkMessageToTask } from '../store/outbox.ts';
import { openTasksOf } from '../store/tasks.ts';
import type { PersonCard } from '../store/people.ts';
import type { BotContext, BotDeps } from './context.ts';

/** The week the clock is in, in TIMEZONE. */
export const currentWeek = (deps: BotDeps): CycleWeek => cycleWeekOf(deps.now(), deps.config.timezone);

export const html: Types.ExtraReplyMessage = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };

/** Sends an HTML reply; if it is about a task, a reply to it is then read as about that task. */
export async function replyAboutTask(ctx: BotContext, deps: BotDeps, text: string, task: TaskRef, extra: Types.ExtraReplyMessage = {}): Promise<void> {
  const sent = await ctx.reply(text, { ...html, ...extra });
  if (ctx.chat) await linkMessageToTask(deps.db, ctx.chat.id, sent.message_id, task.id);
}

async function codesOf(deps: BotDeps, person: PersonCard): Promise<string> {
  const tasks = await openTasksOf(deps.db, person.id, 'owner');
  return tasks.map((task) => task.code).join('、') || '—';
}

/** Why an answer was not recorded, in words, with the person's own task codes where they help. */
export async function replyWithProblem(ctx: BotContext, deps: BotDeps, problem: AnswerProblem | 'unknownTask' | 'whichTask' | 'noCheckIn' | 'noTasks', code = ''): Promise<void> {
  const t = htmlTranslator(deps.t);
  const codes = await codesOf(deps, ctx.state.person!);
  await ctx.reply(t(`answer.error.${problem}` as MessageKey, { code, codes }), html);
}

/** Acknowledges a recorded answer with exactly what was recorded, or says why nothing was. */
export async function replyWithOutcome(ctx: BotContext, deps: BotDeps, task: TaskRef, outcome: AnswerOutcome, options: { askForNote: boolean }): Promise<void> {
  if (!outcome.ok) return replyWithProblem(ctx, deps, outcome.problem, task.code);
  const text = answerRecordedMessage(outcome.answer, deps.t, options);
  await replyAboutTask(ctx, deps, text, task, options.askForNote ? { reply_markup: { force_reply: true } } : {});
}
