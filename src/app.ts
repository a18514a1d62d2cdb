import { createBot } from './bot/create-bot.ts';
import { startPolling } from './bot/polling.ts';
import { requireBotToken, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { translator } from './i18n/translate.ts';
import type { Logger } from './logger.ts';
import { inviteKey } from './store/invites.ts';
import { writeMeta } from './store/meta.ts';

export interface RunningApp {
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  now?: () => Date;
  /** How long to wait before asking again when getUpdates answers at once with nothing. */
  idleDelayMs?: number;
}

/**
 * Starts duban as `npm start` runs it: migrates the database, learns the bot's username (for
 * invite links), and polls for updates until stopped.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const token = requireBotToken(config);
  const { logger } = options;
  const db = openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  const bot = createBot(token, { config, db, t: translator(config.locale), logger, inviteKey: inviteKey(token), now: options.now ?? (() => new Date()) });
  bot.botInfo = await bot.telegram.getMe();
  if (bot.botInfo.username) await writeMeta(db, 'botUsername', bot.botInfo.username);
  const polling = startPolling(bot, { logger, idleDelayMs: options.idleDelayMs ?? 1_000 });
  logger.info({ bot: bot.botInfo.username, apiRoot: config.telegramApiRoot }, 'duban is running');

  return {
    async stop() {
      await polling.stop();
      await db.destroy();
      logger.info('duban stopped');
    },
  };
}
