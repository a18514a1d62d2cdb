import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { tell } from '../../flows/person-desk.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';
import { isTableFile } from '../table-upload.ts';

/**
 * Whatever no feature took, in a private chat: a stranger learns how to get linked, a linked
 * person how to find the commands, and a table sent by someone not an admin that only admins import; a button no feature knows is said to have expired.
 */
export function fallback(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on('callback_query', (ctx) => {
    const turn = turnOf(ctx);
    return turn.replies.answerButton(deps.t(turn.speaker.person ? 'answer.error.staleButton' : 'bot.unlinked'), { alert: true });
  });
  // A table from someone who is not an admin: imported by no one, and said so.
  feature.on(message('document'), (ctx, next) => (isTableFile(ctx.message.document.file_name) ? tell(deps, turnOf(ctx), 'desk.tableAdminsOnly') : next()));
  feature.on('message', (ctx) => tell(deps, turnOf(ctx), turnOf(ctx).speaker.person ? 'bot.notUnderstood' : 'bot.unlinked'));
  return feature;
}
