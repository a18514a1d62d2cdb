import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Telegraf } from 'telegraf';
import { loadConfig } from '../src/config.ts';
import { startSender } from '../src/delivery/sender.ts';
import { runPromptStep } from '../src/jobs/prompt-step.ts';
import { MONDAY, peakRssMb, silent, t, TOKEN } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { freshPostgresDatabase, seedDistrictPostgres } from './seed-postgres.ts';
import { standInProcess } from './stand-in.ts';

/**
 * Prompts through the real outbox and sender to a stand-in that enforces `limit`, counted on
 * arrival, answers 429 past it, and is `roundTripMs` away.
 */
export async function fanout({ count, limit, roundTripMs }: { count: number; limit: number; roundTripMs: [number, number] }) {
  const standIn = await standInProcess({ perSecond: limit, roundTripMs });
  const { apiRoot } = standIn;
  const { db, path } = await freshDatabase();
  seedDistrict(path, count, 0, MONDAY);
  const config = loadConfig({ DATABASE_URL: path, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SEND_RATE_PER_SEC: String(limit) });
  const { queued } = await runPromptStep({ db, config, t }, MONDAY);
  const telegram = new Telegraf(TOKEN, { telegram: { apiRoot } }).telegram;
  const sender = startSender({ db, telegram, logger: silent, now: () => new Date(), pollMs: 20, ratePerSecond: limit });
  const sent = async () => Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
  while ((await sent()) < queued) await new Promise((r) => setTimeout(r, 50));
  await sender.stop();
  const { landed, tooMany } = await standIn.report();
  standIn.stop();
  await db.destroy();
  const arrivals = landed.map((l) => l.at).sort((a, b) => a - b);
  const seconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
  return { messages: queued, limit, perSecond: (queued - 1) / seconds, ratio: (queued - 1) / seconds / limit, tooMany, peakRssMb: peakRssMb() };
}

/**
 * `fanout` on PostgreSQL by `senders` processes of their own sharing the database, as a city's
 * bot processes do: together against one limit, counted on arrival. Also counts what arrived
 * twice (a chat and text seen again).
 */
export async function fanoutByProcesses({ count, limit, roundTripMs, senders }: { count: number; limit: number; roundTripMs: [number, number]; senders: number }) {
  const standIn = await standInProcess({ perSecond: limit, roundTripMs });
  const { apiRoot } = standIn;
  const { db, url, drop } = await freshPostgresDatabase();
  await seedDistrictPostgres(url, count, 0, MONDAY);
  const config = loadConfig({ DATABASE_URL: url, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SEND_RATE_PER_SEC: String(limit) });
  const { queued } = await runPromptStep({ db, config, t }, MONDAY);
  const env = { PATH: process.env.PATH, DATABASE_URL: url, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SEND_RATE_PER_SEC: String(limit), LEASE_SECONDS: '15', LOG_LEVEL: 'warn' };
  const children = await Promise.all(
    Array.from({ length: senders }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sender-process.ts', import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      return new Promise<typeof child>((ready) => child.stdout.once('data', () => ready(child)));
    }),
  );
  const sent = async () => Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
  while ((await sent()) < queued) await new Promise((r) => setTimeout(r, 50));
  await Promise.all(children.map((child) => new Promise((exited) => (child.once('exit', exited), child.kill('SIGTERM')))));
  const { landed, tooMany } = await standIn.report();
  standIn.stop();
  await db.destroy();
  await drop();
  const arrivals = landed.map((l) => l.at).sort((a, b) => a - b);
  const seconds = (arrivals.at(-1)! - arrivals[0]!) / 1000;
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { chatId, text } of landed) {
    const key = `${chatId}\n${text}`;
    if (seen.has(key)) duplicates += 1;
    seen.add(key);
  }
  return { messages: queued, landed: landed.length, senders, limit, perSecond: (queued - 1) / seconds, ratio: (queued - 1) / seconds / limit, tooMany, duplicates };
}
