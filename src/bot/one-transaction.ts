import { inUnitOfWork, type Tx } from '../db/unit-of-work.ts';
import { Replies } from '../flows/replies.ts';
import type { Turn } from '../flows/turn.ts';
import { personByTelegramId } from '../store/people.ts';
import { claimUpdate } from '../store/processed-updates.ts';
import type { BotContext, BotDeps, Handler } from './context.ts';

async function turnFor(deps: BotDeps, ctx: BotContext, tx: Tx, now: Date): Promise<Turn> {
  const from = ctx.from!;
  const person = await personByTelegramId(tx, from.id);
  const speaker = { telegramUserId: from.id, displayName: from.first_name, person, personId: person?.id ?? null, role: person?.role ?? null, isAdmin: deps.config.adminIds.includes(from.id) };
  const address = { chatId: ctx.chat?.id ?? from.id, key: `u:${ctx.update.update_id}`, personId: person?.id ?? null, callbackQueryId: ctx.callbackQuery?.id };
  return { tx, now, speaker, replies: new Replies(tx, address, now) };
}

/**
 * Handles each update in one transaction that begins with its claim: a process killed at any
 * instant has done all of an update (its answer, its replies, its claim) or none of it, and an
 * update Telegram delivers again is then handled exactly once. The features after this one read
 * and write through the turn it sets; nothing they do reaches Telegram before the commit.
 */
export const oneTransactionPerUpdate = (deps: BotDeps): Handler => async (ctx, next) => {
  // SQLite answers synchronously, so a batch of updates would run as one long stretch of
  // microtasks; yielding first lets Telegram's answers to the sender in between (else they wait,
  // and the round trips the limiter learns from look longer and more spread than they are).
  await new Promise((resolve) => setImmediate(resolve));
  if (ctx.chat) await deps.sentRecorded?.(ctx.chat.id);
  const now = deps.now();
  const privateChatId = ctx.from && ctx.chat?.type === 'private' ? ctx.from.id : undefined;
  const handled = await inUnitOfWork(deps.db, async (tx) => {
    if (!(await claimUpdate(tx, ctx.update.update_id, now, privateChatId))) return false;
    if (!ctx.from) return true;
    const turn = await turnFor(deps, ctx, tx, now);
    ctx.state.turn = turn;
    await next();
    // A tap no feature answered still stops the spinner on the phone.
    await turn.replies.answerButton();
    return true;
  });
  if (!handled) return void deps.logger.info({ updateId: ctx.update.update_id }, 'update seen before; skipped');
  deps.wakeSender();
};
