import { Composer } from 'telegraf';
import { help, listTasks, tell, whoAmI } from '../../flows/person-desk.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

/** What anyone may ask, anywhere: /help; /whoami and /tasks answer "not linked" to a stranger. */
export function everyone(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.help((ctx) => help(deps, turnOf(ctx)));
  feature.command('whoami', (ctx) => {
    const turn = turnOf(ctx);
    return turn.speaker.person ? whoAmI(deps, turn, turn.speaker.person) : tell(deps, turn, 'bot.unlinked');
  });
  feature.command('tasks', (ctx) => {
    const turn = turnOf(ctx);
    return turn.speaker.person ? listTasks(deps, turn, turn.speaker.person) : tell(deps, turn, 'bot.unlinked');
  });
  return feature;
}
