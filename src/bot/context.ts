import type { Context, MiddlewareFn } from 'telegraf';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';
import type { InviteKey } from '../store/invites.ts';
import type { PersonCard } from '../store/people.ts';

/** A telegraf context that knows who sent the update, once `identifySender` has run. */
export interface BotContext extends Context {
  state: { person?: PersonCard; /** How many replies this update has queued: each has a key of its own. */ replies?: number };
}

/** What the handlers need from the shell; the clock is injected so tests control time. */
export interface BotDeps {
  config: Config;
  db: Db;
  t: Translate;
  logger: Logger;
  inviteKey: InviteKey;
  now: () => Date;
  /** Tells the sender that a handler queued messages, so they go at once. */
  wakeSender: () => void;
}

export type Handler = MiddlewareFn<BotContext>;

export const isPrivateChat = (ctx: BotContext) => ctx.chat?.type === 'private';

/** Leaders in charge and the supervision office's admins may use the leader commands. */
export const canLead = (ctx: BotContext, deps: BotDeps) => ctx.state.person?.role === 'leader' || (ctx.from !== undefined && deps.config.adminIds.includes(ctx.from.id));

/** Task commands are answered in private chats and in the leadership group, nowhere else. */
export const inAllowedChat = (ctx: BotContext, deps: BotDeps) => isPrivateChat(ctx) || (ctx.chat !== undefined && ctx.chat.id === deps.config.leadershipChatId);
