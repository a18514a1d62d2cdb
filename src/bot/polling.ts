import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { inLanes } from './update-lanes.ts';

export interface Polling {
  /** Stops after the batch in hand is handled; resolves when the loop has ended. */
  stop(): Promise<void>;
}

const LONG_POLL_SECONDS = 50;
/** Telegraf types its signal with the abort-controller polyfill; node-fetch takes the native one. */
type TelegrafSignal = NonNullable<NonNullable<Parameters<Telegraf['telegram']['callApi']>[2]>['signal']>;
const MAX_BACKOFF_MS = 30_000;

/**
 * Long polling: Telegram's batches (up to 100 updates) handled concurrently across chats, in order
 * within a chat (`inLanes`). The next request confirms the batch (its `offset`), so it is asked
 * for only once the whole batch is handled and committed: a process killed meanwhile gets the
 * batch again, and each update's claim makes a second handling a no-op. A Bot API server that
 * answers at once with no updates (a local emulator does) is asked again only after
 * `idleDelayMs`, instead of spinning.
 */
export function startPolling(bot: Telegraf<BotContext>, options: { logger: Logger; idleDelayMs: number }): Polling {
  const abort = new AbortController();
  let offset = 0;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      abort.signal.addEventListener('abort', wake);
    });

  const loop = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      const askedAt = Date.now();
      let updates: Update[];
      try {
        updates = await bot.telegram.callApi('getUpdates', { offset, limit: 100, timeout: LONG_POLL_SECONDS, allowed_updates: [] }, { signal: abort.signal as TelegrafSignal });
        failures = 0;
      } catch (error) {
        if (abort.signal.aborted) break;
        failures += 1;
        options.logger.warn({ err: error, failures }, 'getUpdates failed; retrying');
        await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures));
        continue;
      }
      await inLanes(updates, (update) => bot.handleUpdate(update));
      for (const update of updates) offset = Math.max(offset, update.update_id + 1);
      if (updates.length === 0 && Date.now() - askedAt < options.idleDelayMs) await sleep(options.idleDelayMs);
    }
  })();

  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
