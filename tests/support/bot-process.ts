/**
 * duban as `npm start` runs it, in its own process, for the kill tests: settings from the
 * environment, no schedules (the test runs the steps), until it is killed.
 */
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';

const config = loadConfig(process.env, { required: ['BOT_TOKEN'] });
const logger = createLogger({ level: 'error', secrets: [config.botToken] });
await startApp(config, { logger, idleDelayMs: 20, outboxPollMs: 50, schedules: false, listen: { host: '127.0.0.1', port: 0 } });
process.stdout.write('ready\n');
