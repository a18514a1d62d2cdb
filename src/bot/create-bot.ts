import { Composer, Telegraf } from 'telegraf';
import { tell } from '../flows/person-desk.ts';
import { turnOf, type BotContext, type BotDeps } from './context.ts';
import { everyone } from './features/everyone.ts';
import { fallback } from './features/fallback.ts';
import { LEADER_COMMANDS, leaderDesk } from './features/leader-desk.ts';
import { linking } from './features/linking.ts';
import { ownerDesk } from './features/owner-desk.ts';
import { raterDesk } from './features/rater-desk.ts';
import { OFFICE_COMMANDS, officeDesk } from './features/office-desk.ts';
import { inLeadersChat, isAdmin, isLinked, leaderHere } from './guards.ts';
import { fetchTableUpload } from './table-upload.ts';
import { handleError } from './handle-error.ts';
import { oneTransactionPerUpdate } from './one-transaction.ts';

/** The bot, as the list of who may do what, in the order an update meets them. */
export function createBot(token: string, deps: BotDeps): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, { telegram: { apiRoot: deps.config.telegramApiRoot } });
  bot.catch(handleError(deps));
  const say = (key: Parameters<typeof tell>[2]) => (ctx: BotContext) => tell(deps, turnOf(ctx), key);
  const whyNotLeader = (ctx: BotContext) => (!inLeadersChat(deps)(ctx) ? 'leader.wrongGroup' : isLinked(ctx) || ctx.chat?.type !== 'private' ? 'leader.notAllowed' : 'bot.unlinked');

  // An admin's table is fetched and read before its update's transaction: it takes a while.
  bot.use(fetchTableUpload(deps));
  bot.use(oneTransactionPerUpdate(deps));
  // Anyone, in a private chat: link an account with an invite code.
  bot.use(Composer.privateChat(linking(deps)));
  // Anyone, anywhere: /help, /whoami, /tasks.
  bot.use(everyone(deps));
  // Admins (督考办), in a private chat: tables in and out, invites, changing a task.
  bot.use(Composer.privateChat(Composer.optional(isAdmin, officeDesk(deps))));
  bot.command(OFFICE_COMMANDS, (ctx) => tell(deps, turnOf(ctx), ctx.chat.type === 'private' ? 'desk.adminsOnly' : 'bot.privateOnly'));
  // Leaders in charge and admins, in a private chat or the leadership group.
  bot.use(Composer.optional(leaderHere(deps), leaderDesk(deps)));
  bot.command(LEADER_COMMANDS, (ctx) => tell(deps, turnOf(ctx), whyNotLeader(ctx)));
  // Linked people, in their private chat: scoring cards of an assessment round.
  bot.use(Composer.privateChat(Composer.optional(isLinked, raterDesk(deps))));
  // Linked people, in their private chat: answers, corrections, close-outs, acknowledgements.
  bot.use(Composer.privateChat(Composer.optional(isLinked, ownerDesk(deps))));
  bot.command(['report', 'done', 'milestone', 'score', 'extend', 'leave'], Composer.groupChat(say('bot.privateOnly')));
  // Whatever is left, in a private chat: how to get linked, or how to find the commands.
  bot.use(Composer.privateChat(fallback(deps)));
  return bot;
}
