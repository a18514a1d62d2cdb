import { claimUpdate } from '../../store/processed-updates.ts';
import type { BotDeps, Handler } from '../context.ts';

/**
 * Handles each update once, even if Telegram delivers it again (after a restart, say). Whoever
 * writes in a private chat can be reached again, if they had blocked the bot before.
 */
export const recordUpdate = ({ db, now, logger }: BotDeps): Handler => async (ctx, next) => {
  const privateChatId = ctx.from && ctx.chat?.type === 'private' ? ctx.from.id : undefined;
  if (!(await claimUpdate(db, ctx.update.update_id, now(), privateChatId))) {
    logger.info({ updateId: ctx.update.update_id }, 'update seen before; skipped');
    return;
  }
  return next();
};
