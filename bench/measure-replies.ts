import type { Update } from 'telegraf/types';
import { inTransaction } from '../src/db/transaction.ts';
import { createBot } from '../src/bot/create-bot.ts';
import { inLanes } from '../src/bot/update-lanes.ts';
import { loadConfig } from '../src/config.ts';
import { startSender } from '../src/delivery/sender.ts';
import { runPromptStep } from '../src/jobs/prompt-step.ts';
import { inviteKey, listInvites } from '../src/store/invites.ts';
import { MONDAY, peakRssMb, silent, t, TOKEN } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { standInProcess, type Landed } from './stand-in.ts';

const message = (chatId: number, text: string, id: number): Update =>
  ({
    update_id: id,
    message: { message_id: id, date: 0, text, from: { id: chatId, is_bot: false, first_name: '张伟' }, chat: { id: chatId, type: 'private', first_name: '张伟' }, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] },
  }) as Update;

/** The bot, its sender and a stand-in `roundTripMs` away enforcing `limit`: duban as it runs, minus long polling's HTTP. */
async function running({ tasks, limit, roundTripMs, linked }: { tasks: number; limit: number; roundTripMs: [number, number]; linked: boolean }) {
  const standIn = await standInProcess({ perSecond: limit, roundTripMs });
  const { apiRoot } = standIn;
  const { db, path } = await freshDatabase();
  seedDistrict(path, tasks, 0, MONDAY);
  if (!linked) await db.updateTable('people').set({ telegramUserId: null }).execute();
  const config = loadConfig({ DATABASE_URL: path, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, SEND_RATE_PER_SEC: String(limit) });
  let wake = () => {};
  let recorded = (_chatId: number) => Promise.resolve();
  const bot = createBot(TOKEN, { config, db, t, logger: silent, inviteKey: inviteKey(TOKEN), now: () => new Date(MONDAY.getTime() + 3600_000), wakeSender: () => wake(), sentRecorded: (chatId) => recorded(chatId) });
  bot.botInfo = await bot.telegram.getMe();
  const sender = startSender({ db, telegram: bot.telegram, logger: silent, now: () => new Date(), pollMs: 20, ratePerSecond: limit });
  wake = sender.wake;
  recorded = sender.recorded;
  return {
    standIn, db, config, bot,
    /** Hands updates to the bot as polling does: batches of up to 100, across chats at once. */
    async deliver(updates: readonly Update[]) {
      for (let i = 0; i < updates.length; i += 100) await inLanes(updates.slice(i, i + 100), (update) => bot.handleUpdate(update));
    },
    /** What has landed at the stand-in so far, and how many calls it refused with 429. */
    report: () => standIn.report(),
    async stop() {
      await sender.stop();
      standIn.stop();
      await db.destroy();
    },
  };
}

/** `count` people open their invite links at once: seconds until the last greeting landed, against count ÷ limit. */
export async function startBurst({ count, limit, roundTripMs }: { count: number; limit: number; roundTripMs: [number, number] }) {
  const duban = await running({ tasks: 2 * count, limit, roundTripMs, linked: false });
  const invites = (await inTransaction(duban.db, (trx) => listInvites(trx, inviteKey(TOKEN), MONDAY))).filter((invite) => invite.role === 'owner').slice(0, count);
  const updates = invites.map((invite, i) => message(7_000_000 + i, `/start ${invite.code}`, i + 1));
  const started = Date.now();
  await duban.deliver(updates);
  const handledSeconds = (Date.now() - started) / 1000;
  let report = await duban.report();
  while (report.landed.filter((landed) => landed.chatId >= 7_000_000).length < count) {
    await new Promise((r) => setTimeout(r, 50));
    report = await duban.report();
  }
  const seconds = (Math.max(...report.landed.map((landed) => landed.at)) - started) / 1000;
  const { tooMany } = report;
  await duban.stop();
  return { people: count, limit, seconds, handledSeconds, ratio: seconds / (count / limit), tooMany, peakRssMb: peakRssMb() };
}

/** Answers given during a fan-out of `prompts` prompts: how long from the answer until its acknowledgement landed. */
export async function ackLatency({ prompts, answers, limit, roundTripMs }: { prompts: number; answers: number; limit: number; roundTripMs: [number, number] }) {
  const duban = await running({ tasks: prompts, limit, roundTripMs, linked: true });
  await runPromptStep({ db: duban.db, config: duban.config, t }, new Date(MONDAY.getTime() + 3600_000));
  const owners = await duban.db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select(['tasks.code', 'people.telegramUserId']).orderBy('tasks.id').execute();
  const fanoutSeconds = prompts / limit;
  const latencies: number[] = [];
  const asks: { chatId: number; code: string; asked: number }[] = [];
  await Promise.all(
    Array.from({ length: answers }, async (_, i) => {
      const owner = owners[Math.floor((i * owners.length) / answers)]!;
      await new Promise((r) => setTimeout(r, (i / answers) * fanoutSeconds * 800));
      const asked = Date.now();
      await duban.deliver([message(owner.telegramUserId!, `/report ${owner.code} 60% 完成签约120户`, 1_000_000 + i)]);
      asks.push({ chatId: owner.telegramUserId!, code: owner.code, asked });
    }),
  );
  // Every acknowledgement, once it has landed: its time less the time the answer was handed over.
  const isAck = (landed: Landed, ask: (typeof asks)[number]) => landed.chatId === ask.chatId && landed.at >= ask.asked && landed.text.includes(ask.code) && landed.text.includes('60%') && landed.text.includes('✅');
  let report = await duban.report();
  while (!asks.every((ask) => report.landed.some((landed) => isAck(landed, ask)))) {
    await new Promise((r) => setTimeout(r, 100));
    report = await duban.report();
  }
  for (const ask of asks) latencies.push(report.landed.find((landed) => isAck(landed, ask))!.at - ask.asked);
  const { tooMany } = report;
  await duban.stop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { prompts, answers, p50Ms: at(0.5), p99Ms: at(0.99), tooMany, peakRssMb: peakRssMb() };
}
