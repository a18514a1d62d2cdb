import { inUnitOfWork } from '../db/unit-of-work.ts';
import { Replies } from '../flows/replies.ts';
import { claimUpdate } from '../store/processed-updates.ts';
import type { BotContext, BotDeps } from './context.ts';

/**
 * The bot's error handler (telegraf's default rethrows and stops polling). The update's own
 * transaction has been rolled back; the error is logged with the update it came from, and the
 * update is claimed anew with a short apology, so that it is neither lost in silence nor retried
 * into the same error.
 */
export const handleError = (deps: BotDeps) => async (error: unknown, ctx: BotContext) => {
  const updateId = ctx.update.update_id;
  deps.logger.error({ err: error, updateId, updateType: ctx.updateType, chatId: ctx.chat?.id }, 'update handler failed');
  const chatId = ctx.chat?.id ?? ctx.from?.id;
  if (chatId === undefined) return;
  const now = deps.now();
  try {
    await inUnitOfWork(deps.db, async (tx) => {
      if (!(await claimUpdate(tx, updateId, now))) return;
      const replies = new Replies(tx, { chatId, key: `u:${updateId}:error`, personId: null, callbackQueryId: ctx.callbackQuery?.id }, now);
      await replies.say(deps.t('bot.error'));
      await replies.answerButton();
    });
    deps.wakeSender();
  } catch (apologyError) {
    deps.logger.error({ err: apologyError, updateId }, 'could not queue the apology');
  }
};
