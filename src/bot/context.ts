import type { Context, MiddlewareFn } from 'telegraf';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';
import type { InviteKey } from '../store/invites.ts';
import type { PersonCard } from '../store/people.ts';

/** A telegraf context that knows who sent the update, once `identifySender` has run. */
export interface BotContext extends Context {
  state: { person?: PersonCard };
}

/** What the handlers need from the shell; the clock is injected so tests control time. */
export interface BotDeps {
  config: Config;
  db: Db;
  t: Translate;
  logger: Logger;
  inviteKey: InviteKey;
  now: () => Date;
}

export type Handler = MiddlewareFn<BotContext>;

export const isPrivateChat = (ctx: BotContext) => ctx.chat?.type === 'private';
