import { personByTelegramId } from '../../store/people.ts';
import type { BotDeps, Handler } from '../context.ts';

/** Looks up the linked person behind the sender, if any, for the handlers after it. */
export const identifySender = ({ db }: BotDeps): Handler => async (ctx, next) => {
  if (ctx.from) ctx.state.person = await personByTelegramId(db, ctx.from.id);
  return next();
};
