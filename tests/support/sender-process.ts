/**
 * The sender alone, in its own process, for the kill test: it delivers what the outbox holds
 * until it is killed. Settings come from the environment (DATABASE_URL, TELEGRAM_API_ROOT).
 */
import { Telegraf } from 'telegraf';
import { openDatabase } from '../../src/db/database.ts';
import { startSender } from '../../src/delivery/sender.ts';
import { createLogger } from '../../src/logger.ts';

const db = openDatabase(process.env.DATABASE_URL!);
const telegram = new Telegraf(process.env.BOT_TOKEN!, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT! } }).telegram;
startSender({ db, telegram, logger: createLogger({ level: 'error', secrets: [process.env.BOT_TOKEN] }), now: () => new Date(), pollMs: 50, ratePerSecond: Number(process.env.SEND_RATE_PER_SEC ?? 100), leaseMs: Number(process.env.LEASE_SECONDS ?? 15) * 1000 });
process.stdout.write('ready\n');
