import type { BotContext, BotDeps } from '../context.ts';

/**
 * The bot's error handler: telegraf's default rethrows and stops polling. The error is logged
 * with the update it came from, and the sender gets a short apology.
 */
export const handleError = ({ t, logger }: BotDeps) => async (error: unknown, ctx: BotContext) => {
  logger.error({ err: error, updateId: ctx.update.update_id, updateType: ctx.updateType, chatId: ctx.chat?.id }, 'update handler failed');
  if (!ctx.chat) return;
  try {
    await ctx.reply(t('bot.error'));
  } catch (replyError) {
    logger.error({ err: replyError, chatId: ctx.chat.id }, 'could not send the apology');
  }
};
