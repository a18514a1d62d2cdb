import { may } from '../domain/permissions.ts';
import { turnOf, type BotContext, type BotDeps } from './context.ts';

/** Who may use a handler, as predicates for telegraf's `Composer.optional` and `Composer.branch`. */
export const isLinked = (ctx: BotContext) => turnOf(ctx).speaker.person !== undefined;

export const mayLead = (ctx: BotContext) => may.lead(turnOf(ctx).speaker);

/** The office's desk: the admins (ADMIN_IDS), 督考办. */
export const isAdmin = (ctx: BotContext) => turnOf(ctx).speaker.isAdmin;

/** The leaders' desk is open in private chats and in the leadership group, nowhere else. */
export const inLeadersChat = (deps: BotDeps) => (ctx: BotContext) => ctx.chat?.type === 'private' || (ctx.chat !== undefined && ctx.chat.id === deps.config.leadershipChatId);

export const leaderHere = (deps: BotDeps) => (ctx: BotContext) => mayLead(ctx) && inLeadersChat(deps)(ctx);
