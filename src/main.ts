import 'dotenv/config';
import { startApp } from './app.ts';
import { ConfigError, loadConfig, unusableDatabaseProblem, type Config } from './config.ts';
import { UnusableDatabase } from './db/database.ts';
import { createLogger } from './logger.ts';

/** `npm start`: the bot, its schedules and its delivery, until SIGINT or SIGTERM. */
function readConfig(): Config {
  try {
    return loadConfig(process.env, { required: ['BOT_TOKEN'] });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });
process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));

const running = startApp(config, { logger });
running.catch((error: unknown) => {
  if (error instanceof UnusableDatabase) console.error(unusableDatabaseProblem(config, error.where, error.reason));
  else logger.fatal({ err: error }, 'duban could not start');
  process.exit(1);
});

// Registered before start-up finishes, so that a signal during it still shuts down gracefully.
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  running
    .then((app) => app.stop())
    .then(
      () => process.exit(0),
      (error: unknown) => (logger.error({ err: error }, 'shutdown failed'), process.exit(1)),
    );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
