import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Update } from 'telegraf/types';
import { createBot } from '../src/bot/create-bot.ts';
import { loadConfig } from '../src/config.ts';
import { runPromptStep } from '../src/jobs/prompt-step.ts';
import { inviteKey } from '../src/store/invites.ts';
import { MONDAY, peakRssMb, silent, t, TOKEN } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { BotApiStandIn } from './stand-in.ts';

/** Plain single-row transactional inserts into a file like duban's (WAL, synchronous NORMAL): ms for `count` more. */
function plainInserter(): (count: number) => number {
  const plain = new SQLite(join(mkdtempSync(join(tmpdir(), 'duban-plain-')), 'plain.sqlite'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = NORMAL');
  plain.exec('create table answers (id integer primary key, task_id integer, percent integer, note text, reported_at text)');
  const insert = plain.prepare('insert into answers (task_id, percent, note, reported_at) values (?, ?, ?, ?)');
  const one = plain.transaction((i: number) => insert.run(i, 60, '完成签约120户', new Date().toISOString()));
  let done = 0;
  return (count) => {
    const start = performance.now();
    for (const end = done + count; done < end; done += 1) one(done);
    return performance.now() - start;
  };
}

const INGEST_ROUNDS = 4;

/**
 * Answers as /report updates through bot.handleUpdate, against plain single-row inserts in the
 * same kind of file. Both run warm, as in a bot that has run a while: as many answers to other
 * tasks, and as many inserts, go first unmeasured. Then the two take turns, a quarter at a
 * time, so that a machine that slows down or speeds up meanwhile does so for both.
 */
export async function ingest({ count }: { count: number }) {
  const plain = plainInserter();
  const plainCount = Math.max(count, 5_000);
  plain(plainCount);
  const standIn = new BotApiStandIn();
  const apiRoot = await standIn.start();
  const { db, path } = await freshDatabase();
  seedDistrict(path, 2 * count, 0, MONDAY);
  const config = loadConfig({ DATABASE_URL: path, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot });
  // Monday as it is: the prompt step has opened the week and queued everyone's prompts.
  await runPromptStep({ db, config, t }, MONDAY);
  const bot = createBot(TOKEN, { config, db, t, logger: silent, inviteKey: inviteKey(TOKEN), now: () => new Date(MONDAY.getTime() + 3600_000), wakeSender: () => {} });
  bot.botInfo = await bot.telegram.getMe();
  const owners = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select(['tasks.code', 'people.telegramUserId']).orderBy('tasks.id').execute();
  const updates: Update[] = owners.map((owner, i) => {
    const text = `/report ${owner.code} 60% 完成签约120户`;
    const from = { id: owner.telegramUserId!, is_bot: false, first_name: '张伟' };
    return { update_id: i + 1, message: { message_id: i + 1, date: 0, text, from, chat: { id: from.id, type: 'private', first_name: '张伟' }, entities: [{ type: 'bot_command', offset: 0, length: 7 }] } } as Update;
  });
  // A burst as webhook mode receives it: many chats at once, on as many connections as Telegram
  // opens by default (40; duban's setWebhook leaves max_connections at that).
  const burst = async (batch: Update[]) => {
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 40 }, async () => {
      while (next < batch.length) await bot.handleUpdate(batch[next++]!);
    }));
    return performance.now() - start;
  };
  await burst(updates.slice(0, count));
  let answersMs = 0;
  let plainMs = 0;
  for (let round = 0; round < INGEST_ROUNDS; round += 1) {
    plainMs += plain(plainCount / INGEST_ROUNDS);
    answersMs += await burst(updates.slice(count + (round * count) / INGEST_ROUNDS, count + ((round + 1) * count) / INGEST_ROUNDS));
  }
  const perSecond = count / (answersMs / 1000);
  const plainPerSecond = plainCount / (plainMs / 1000);
  const recorded = (await db.selectFrom('checkIns').select((eb) => eb.fn.countAll<number>().as('n')).where('taskId', '>', count).executeTakeFirstOrThrow()).n;
  await db.destroy();
  await standIn.stop();
  return { answers: count, recorded: Number(recorded), perSecond, plainInsertsPerSecond: plainPerSecond, ratio: perSecond / plainPerSecond, peakRssMb: peakRssMb() };
}
