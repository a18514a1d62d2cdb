import type { AddressInfo } from 'node:net';
import { createMetrics } from './web/metrics.ts';
import { getRequestListener } from '@hono/node-server';
import { boardApp } from './web/board-app.ts';
import { createBot } from './bot/create-bot.ts';
import { startHttpServer } from './bot/http-server.ts';
import { holidaysMissing } from './flows/work-calendar.ts';
import { startPolling } from './bot/polling.ts';
import { requireBotToken, type Config } from './config.ts';
import { isPostgresUrl } from './db/database-url.ts';
import { openReachableDatabase } from './db/database.ts';
import { dialectOf } from './db/dialect.ts';
import { keepLease, thisProcess } from './jobs/lease-keeper.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startSender } from './delivery/sender.ts';
import { translator } from './i18n/translate.ts';
import { startBackupSchedule } from './jobs/backup-schedule.ts';
import { startSchedules } from './jobs/schedules.ts';
import type { Logger } from './logger.ts';
import { inviteKey } from './store/invites.ts';
import { writeMeta } from './store/meta.ts';

export interface RunningApp {
  /** Sends what a step just queued without waiting for the next outbox poll. */
  wakeSender(): void;
  /** Where /healthz (and, in webhook mode, the update endpoint) listens. */
  http: AddressInfo;
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  now?: () => Date;
  /** How long to wait before asking again when getUpdates answers at once with nothing. */
  idleDelayMs?: number;
  /** How often the sender looks for messages queued by another process (the admin CLI). */
  outboxPollMs?: number;
  /** Whether to run the cron schedules (the demo and tests drive the steps themselves). */
  schedules?: boolean;
  /** Where the HTTP server listens; default HTTP_HOST on PORT. Tests pass port 0. */
  listen?: { host: string; port: number };
}

/**
 * Starts duban as `npm start` runs it: migrates the database, learns the bot's username (for
 * invite links), starts delivery, the schedules and the HTTP server (/healthz), and takes
 * updates by long polling, or by webhook when WEBHOOK_URL is set, until stopped.
 */
export async function startApp(config: Config, options: AppOptions): Promise<RunningApp> {
  const token = requireBotToken(config);
  const { logger } = options;
  const db = await openReachableDatabase(config.databaseUrl);
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  const now = options.now ?? (() => new Date());
  const holder = thisProcess();
  const t = translator(config.locale);
  let wakeSender = () => {};
  let sentRecorded = (_chatId: number) => Promise.resolve();
  const bot = createBot(token, { config, db, t, logger, inviteKey: inviteKey(token), now, wakeSender: () => wakeSender(), sentRecorded: (chatId) => sentRecorded(chatId) });
  bot.botInfo = await bot.telegram.getMe();
  if (bot.botInfo.username) await writeMeta(db, 'botUsername', bot.botInfo.username);

  const metrics = createMetrics(db, now);
  const sender = startSender({ db, telegram: bot.telegram, logger, now, pollMs: options.outboxPollMs ?? 1_000, ratePerSecond: config.sendRatePerSecond, observer: metrics.observer, holder, leaseMs: config.leaseMs });
  wakeSender = sender.wake;
  sentRecorded = sender.recorded;
  const schedules = options.schedules === false ? undefined : await startSchedules({ db, config, t, logger, afterRun: sender.wake, now });
  // PostgreSQL is backed up by its own tools (pg_dump, archiving); BACKUP_CRON copies the SQLite file.
  const backups = options.schedules === false || isPostgresUrl(config.databaseUrl) ? undefined : startBackupSchedule(config, logger);

  const webhook = config.webhookUrl ? { path: new URL(config.webhookUrl).pathname, secret: config.webhookSecret! } : undefined;
  const listen = options.listen ?? { host: config.httpHost, port: config.port };
  const board = config.publicBoard ? getRequestListener(boardApp({ db, config, t, now }).fetch) : undefined;
  const calendar = async () => ({ holidays: config.holidays, missingYears: await holidaysMissing(db, config, now()) });
  const http = await startHttpServer({ bot, db, logger, now, mode: webhook ? 'webhook' : 'polling', webhook, ...listen, board, metrics: metrics.handle, calendar });
  let polling: { stop(): Promise<void> } | undefined;
  let poller: { stop(): Promise<void> } | undefined;
  if (webhook) {
    await bot.telegram.setWebhook(config.webhookUrl!, { secret_token: webhook.secret, allowed_updates: [] });
  } else {
    await bot.telegram.deleteWebhook();
    // Telegram answers a second getUpdates at once with 409: of several processes, the holder of
    // the `poller` lease polls; each update's claim makes a batch handled twice in a handover a no-op.
    poller = keepLease({
      db, name: 'poller', holder, leaseMs: config.leaseMs, logger,
      onGained: () => void (polling ??= startPolling(bot, { logger, idleDelayMs: options.idleDelayMs ?? 1_000 })),
      onLost: () => {
        void polling?.stop();
        polling = undefined;
      },
    });
  }
  logger.info({ bot: bot.botInfo.username, apiRoot: config.telegramApiRoot, database: dialectOf(db).name, mode: webhook ? 'webhook' : 'polling', port: http.address.port, process: holder }, 'duban is running');
  if (config.leadershipChatId === undefined) logger.warn({ setting: 'LEADERSHIP_CHAT_ID' }, t('config.warnNoLeadershipChat'));
  // Without a year's holidays the cycle would prompt on them: said at start, and by /healthz.
  for (const year of (await calendar()).missingYears) logger.warn({ setting: 'HOLIDAYS', year }, t('calendar.unknownYear', { year }));

  return {
    wakeSender: sender.wake,
    http: http.address,
    async stop() {
      await poller?.stop();
      await polling?.stop();
      await http.stop();
      await schedules?.stop();
      await backups?.stop();
      await sender.stop();
      await db.destroy();
      logger.info('duban stopped');
    },
  };
}
