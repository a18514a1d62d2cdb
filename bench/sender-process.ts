/**
 * The sender alone, in a process of its own, as one of several duban processes on one database:
 * `node --import tsx bench/sender-process.ts` with DATABASE_URL, TELEGRAM_API_ROOT, BOT_TOKEN,
 * SEND_RATE_PER_SEC and LEASE_SECONDS; prints `ready`, and stops on SIGTERM. The kill tests run it
 * too (tests/support/duban.ts startProcess).
 */
import { Telegraf } from 'telegraf';
import { openDatabase } from '../src/db/database.ts';
import { startSender } from '../src/delivery/sender.ts';
import { createLogger } from '../src/logger.ts';

const db = openDatabase(process.env.DATABASE_URL!);
const telegram = new Telegraf(process.env.BOT_TOKEN!, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT! } }).telegram;
const sender = startSender({
  db, telegram, logger: createLogger({ level: (process.env.LOG_LEVEL as 'warn') ?? 'error', secrets: [process.env.BOT_TOKEN] }), now: () => new Date(), pollMs: 20,
  ratePerSecond: Number(process.env.SEND_RATE_PER_SEC), leaseMs: Number(process.env.LEASE_SECONDS ?? 15) * 1000,
});
process.once('SIGTERM', () => void sender.stop().then(() => db.destroy()).then(() => process.exit(0)));
process.stdout.write('ready\n');
