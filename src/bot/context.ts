import type { Context, MiddlewareFn } from 'telegraf';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { TableUpload } from '../flows/office-desk.ts';
import type { FlowDeps, Turn } from '../flows/turn.ts';
import type { Logger } from '../logger.ts';

/** A telegraf context carrying the update's turn: its transaction, who spoke, its replies. */
export interface BotContext extends Context {
  state: { turn?: Turn; upload?: TableUpload };
}

/** What the bot needs from the shell; the clock is injected so tests control time. */
export interface BotDeps extends FlowDeps {
  config: Config;
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Tells the sender that an update queued messages, so they go at once. */
  wakeSender: () => void;
  /**
   * Resolves once what was sent to this chat is recorded, with what a reply to it means: an
   * update from the chat waits for it, so that a reply faster than the record still reads right.
   */
  sentRecorded?: (chatId: number) => Promise<void>;
}

export type Handler = MiddlewareFn<BotContext>;

/** The turn of the update in hand: set by `oneTransactionPerUpdate` before any feature runs. */
export const turnOf = (ctx: BotContext): Turn => {
  if (!ctx.state.turn) throw new Error('no turn: oneTransactionPerUpdate must come first');
  return ctx.state.turn;
};
