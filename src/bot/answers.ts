import type { Types } from 'telegraf';
import { connectionOf } from '../db/database.ts';
import type { AnswerProblem, RecordedAnswer } from '../domain/answer-rules.ts';
import { cycleWeekOf, type CycleWeek } from '../domain/cycle-week.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { answerRecordedMessage } from '../render/answer-message.ts';
import { htmlTranslator } from '../render/html.ts';
import type { TaskRef } from '../store/check-ins.ts';
import { enqueueMessageNow, type OutgoingMessage } from '../store/outbox.ts';
import { openTasksOf } from '../store/tasks.ts';
import type { PersonCard } from '../store/people.ts';
import type { BotContext, BotDeps } from './context.ts';

/** The week the clock is in, in TIMEZONE. */
export const currentWeek = (deps: BotDeps): CycleWeek => cycleWeekOf(deps.now(), deps.config.timezone);

export const html: Types.ExtraReplyMessage = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };

/**
 * A reply to the update in hand, as an outbox message (HTML). Replies about answers go through
 * the outbox, ahead of bulk messages, so that a Monday burst of answers is acknowledged at
 * Telegram's rate instead of being refused with 429; one about a task makes a reply to it count
 * for that task.
 */
export function replyTo(ctx: BotContext, text: string, options: { task?: TaskRef; forceReply?: boolean } = {}): OutgoingMessage {
  ctx.state.replies = (ctx.state.replies ?? 0) + 1;
  return {
    dedupeKey: `reply:${ctx.update.update_id}:${ctx.state.replies}`,
    chatId: ctx.chat!.id,
    text,
    replyMarkup: options.forceReply ? { force_reply: true } : undefined,
    personId: ctx.state.person?.id ?? null,
    taskId: options.task?.id ?? null,
    reply: true,
  };
}

/** Queues a reply that is not part of another write, and has the sender send it. */
export async function queueReply(ctx: BotContext, deps: BotDeps, text: string): Promise<void> {
  const connection = connectionOf(deps.db);
  await connection.writes(() => enqueueMessageNow(connection, replyTo(ctx, text), deps.now()));
  deps.wakeSender();
}

/** The reply to a recorded answer: exactly what was recorded, about its task. */
export const acknowledgement = (ctx: BotContext, deps: BotDeps, task: TaskRef, options: { askForNote: boolean }) => (answer: RecordedAnswer) =>
  replyTo(ctx, answerRecordedMessage(answer, deps.t, options), { task, forceReply: options.askForNote });

async function codesOf(deps: BotDeps, person: PersonCard): Promise<string> {
  const tasks = await openTasksOf(deps.db, person.id, 'owner');
  return tasks.map((task) => task.code).join('、') || '—';
}

/** Why an answer was not recorded, in words, with the person's own task codes where they help. */
export async function replyWithProblem(ctx: BotContext, deps: BotDeps, problem: AnswerProblem | 'unknownTask' | 'whichTask' | 'noCheckIn' | 'noTasks', code = ''): Promise<void> {
  const t = htmlTranslator(deps.t);
  const codes = await codesOf(deps, ctx.state.person!);
  await queueReply(ctx, deps, t(`answer.error.${problem}` as MessageKey, { code, codes }));
}
