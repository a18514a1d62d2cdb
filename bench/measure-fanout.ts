import { Telegraf } from 'telegraf';
import { loadConfig } from '../src/config.ts';
import { startSender } from '../src/delivery/sender.ts';
import { runPromptStep } from '../src/jobs/prompt-step.ts';
import { MONDAY, peakRssMb, silent, t, TOKEN } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { BotApiStandIn } from './stand-in.ts';

/** Prompts through the real outbox and sender to a stand-in that enforces `limit` and answers 429. */
export async function fanout({ count, limit }: { count: number; limit: number }) {
  const standIn = new BotApiStandIn(limit);
  const apiRoot = await standIn.start();
  const { db, path } = await freshDatabase();
  seedDistrict(path, count, 0, MONDAY);
  const config = loadConfig({ DATABASE_URL: path, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SEND_RATE_PER_SEC: String(limit) });
  const { queued } = await runPromptStep({ db, config, t }, MONDAY);
  const telegram = new Telegraf(TOKEN, { telegram: { apiRoot } }).telegram;
  const sender = startSender({ db, telegram, logger: silent, now: () => new Date(), pollMs: 20, ratePerSecond: limit });
  while (standIn.landed.length < queued) await new Promise((r) => setTimeout(r, 20));
  await sender.stop();
  await standIn.stop();
  await db.destroy();
  const seconds = (standIn.landed.at(-1)! - standIn.landed[0]!) / 1000;
  return { messages: queued, limit, perSecond: (queued - 1) / seconds, ratio: (queued - 1) / seconds / limit, tooMany: standIn.tooMany, peakRssMb: peakRssMb() };
}
