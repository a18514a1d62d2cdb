import type { Telegram } from 'telegraf';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { markAttempt, markSent, pendingMessages } from '../store/outbox.ts';

export interface Sender {
  /** Looks at the outbox now rather than at the next poll. */
  wake(): void;
  /** Finishes the message in flight, then stops. */
  stop(): Promise<void>;
}

export interface SenderOptions {
  db: Db;
  telegram: Telegram;
  logger: Logger;
  now: () => Date;
  /** How often to look for rows written by another process (the admin CLI). */
  pollMs: number;
  /** At most this many messages a second, all chats together. */
  ratePerSecond: number;
}

const MAX_ATTEMPTS = 8;
const BATCH = 50;

interface BotApiError {
  code?: number;
  response?: { error_code?: number; parameters?: { retry_after?: number } };
}

/**
 * Delivers the outbox in order, one message at a time, marking each sent with Telegram's message
 * id. A 429 waits out its retry_after; a 4xx is recorded and not retried; anything else is
 * retried with backoff, up to MAX_ATTEMPTS.
 */
export function startSender(options: SenderOptions): Sender {
  const { db, telegram, logger } = options;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((wakeUp = undefined), resolve()), ms);
      wakeUp = () => (clearTimeout(timer), (wakeUp = undefined), resolve());
    });
  const interval = 1000 / options.ratePerSecond;
  let lastSendAt = 0;

  const loop = (async () => {
    while (!stopped) {
      const batch = await pendingMessages(db, BATCH);
      if (batch.length === 0) {
        await pause(options.pollMs);
        continue;
      }
      for (const row of batch) {
        if (stopped) break;
        const wait = lastSendAt + interval - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastSendAt = Date.now();
        try {
          const sent = (await telegram.callApi(row.method, { chat_id: row.chatId, ...JSON.parse(row.payload) })) as { message_id: number };
          await markSent(db, row.id, row.chatId, sent.message_id, row.taskId, options.now());
        } catch (error) {
          const { code, response } = error as BotApiError;
          const status = response?.error_code ?? code;
          const retryAfter = response?.parameters?.retry_after;
          const message = error instanceof Error ? error.message : String(error);
          if (retryAfter !== undefined) {
            await markAttempt(db, row.id, message, false);
            logger.warn({ outboxId: row.id, retryAfter }, 'rate limited by Telegram; waiting');
            await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
            break;
          }
          const permanent = typeof status === 'number' && status >= 400 && status < 500;
          const giveUp = permanent || row.attempts + 1 >= MAX_ATTEMPTS;
          await markAttempt(db, row.id, message, giveUp);
          logger[giveUp ? 'error' : 'warn']({ outboxId: row.id, chatId: row.chatId, status, attempts: row.attempts + 1, err: error }, giveUp ? 'message not delivered' : 'send failed; will retry');
          if (!permanent) {
            await pause(Math.min(60_000, 500 * 2 ** row.attempts) * (0.5 + Math.random()));
            break;
          }
        }
      }
    }
  })();

  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
