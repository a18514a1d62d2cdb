import { Composer } from 'telegraf';
import { decodeButton } from '../../domain/callback-data.ts';
import { scoreByCommand, scoreTapped } from '../../flows/assessment-scoring.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

/**
 * A rater's side of an assessment round (联动考核), in their private chat: the score buttons of a
 * card, and `/score`. A reply to a card is a message like any other, read by the owner's desk.
 * Mounted behind `isLinked`: whether the card is theirs, the flow decides.
 */
export function raterDesk(deps: BotDeps): Composer<BotContext> {
  const desk = new Composer<BotContext>();
  desk.on('callback_query', async (ctx, next) => {
    const action = 'data' in ctx.callbackQuery ? decodeButton(ctx.callbackQuery.data) : undefined;
    return action?.kind === 'score' ? scoreTapped(deps, turnOf(ctx), action) : next();
  });
  desk.command('score', (ctx) => scoreByCommand(deps, turnOf(ctx), { payload: ctx.payload }));
  return desk;
}
