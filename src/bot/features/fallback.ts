import { Composer } from 'telegraf';
import { tell } from '../../flows/person-desk.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

/**
 * Whatever no feature took, in a private chat: a stranger learns how to get linked, a linked
 * person how to find the commands; a button no feature knows is said to have expired.
 */
export function fallback(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on('callback_query', (ctx) => {
    const turn = turnOf(ctx);
    return turn.replies.answerButton(deps.t(turn.speaker.person ? 'answer.error.staleButton' : 'bot.unlinked'), { alert: true });
  });
  feature.on('message', (ctx) => tell(deps, turnOf(ctx), turnOf(ctx).speaker.person ? 'bot.notUnderstood' : 'bot.unlinked'));
  return feature;
}
