/**
 * One measurement of `npm run bench`, run in a child process of its own so that its peak memory
 * is its own: `node --import tsx bench/measure.ts <name> '<json options>'` prints a JSON result.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createBot } from '../src/bot/create-bot.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { startSender } from '../src/delivery/sender.ts';
import { calendarDateIn } from '../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../src/domain/cycle-week.ts';
import { buildDigest } from '../src/domain/digest.ts';
import { milestonesThatMatterUntil } from '../src/domain/status.ts';
import { translator } from '../src/i18n/translate.ts';
import { readTaskTableFile } from '../src/io/read-task-table.ts';
import { writeTableFile } from '../src/io/table-file.ts';
import { runPromptStep } from '../src/jobs/prompt-step.ts';
import { createLogger } from '../src/logger.ts';
import { digestMessages } from '../src/render/digest-message.ts';
import { latestOpenedCycle } from '../src/store/cycles.ts';
import { importTasks } from '../src/store/import-tasks.ts';
import { inviteKey } from '../src/store/invites.ts';
import { digestTasks } from '../src/store/weekly.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { BotApiStandIn } from './stand-in.ts';

const TOKEN = '100000002:bench';
const t = translator('zh-CN');
const silent = createLogger({ level: 'fatal', secrets: [TOKEN] });
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const MONDAY = new Date('2025-12-22T01:00:00Z');

/** Prompts through the real outbox and sender to a stand-in that enforces `limit` and answers 429. */
async function fanout({ count, limit }: { count: number; limit: number }) {
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
async function ingest({ count }: { count: number }) {
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

/** A district of `tasks` tasks with `weeks` weeks of answers, in a file of its own for `digest` to read. */
async function seedDigest({ tasks, weeks }: { tasks: number; weeks: number }) {
  const { db, path } = await freshDatabase();
  await db.destroy();
  const start = performance.now();
  seedDistrict(path, tasks, weeks, MONDAY);
  return { path, tasks, checkIns: tasks * weeks - Math.ceil(tasks / 10), seedSeconds: (performance.now() - start) / 1000 };
}

/**
 * The digest model and its text for the district seeded at `path`: warm first (the JIT, SQLite's
 * page cache), then the median of at least five runs and 700 ms. The median, not the fastest: the
 * growth figures divide one size's time by another's, and the fastest of the many runs a small
 * size fits in that time would favour it.
 */
async function digest({ path }: { path: string }) {
  const db = openDatabase(path);
  const cycle = (await latestOpenedCycle(db))!;
  const now = new Date(MONDAY.getTime() + 4 * 86_400_000 + 8 * 3600_000);
  let parts = 0;
  const run = async () => {
    const start = performance.now();
    const today = calendarDateIn(now, 'Asia/Shanghai');
    const model = buildDigest({ week: cycleWeekOf(now, 'Asia/Shanghai'), today, tasks: await digestTasks(db, cycle, milestonesThatMatterUntil(today)) });
    parts = digestMessages(model, t).length;
    return performance.now() - start;
  };
  const warming = performance.now();
  for (let i = 0; i < 2 || performance.now() - warming < 300; i += 1) await run();
  const runs: number[] = [];
  const measuring = performance.now();
  while (runs.length < 5 || performance.now() - measuring < 700) runs.push(await run());
  await db.destroy();
  return { ms: runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!, runs: runs.length, parts, peakRssMb: peakRssMb() };
}

/** Reading and importing a `rows`-row table from .csv or .xlsx into an empty database. */
async function importTable({ rows, format }: { rows: number; format: 'csv' | 'xlsx' }) {
  const file = join(mkdtempSync(join(tmpdir(), 'duban-import-')), `table.${format}`);
  const columns = ['编号', '事项', '责任单位', '责任人', '分管领导', '开始时间', '完成时限', '时间节点', '目标', '类别', '位置', '公开'];
  const sheetRows = Array.from({ length: rows }, (_, i) => [
    `ZX-${String(i).padStart(5, '0')}`, `第${i}项：城中村改造与环境整治`, `单位${i % 80}`, `责任人${Math.floor(i / 2)}`, `领导${i % 20}`, '2025-01-01', '2025-12-31',
    '2025-03-31 完成入户调查；2025-06-30 启动首批', '完成12个城中村改造', '十件实事', '27.99,120.70', '是',
  ]);
  if (format === 'csv') writeFileSync(file, `\uFEFF${[columns, ...sheetRows].map((r) => r.join(',').replace(/(27\.99,120\.70)/, '"$1"')).join('\r\n')}`);
  else await writeTableFile(file, { name: '督办事项', columns: columns.map((header) => ({ header, kind: 'text' as const })), rows: sheetRows });
  const { db } = await freshDatabase();
  const start = performance.now();
  const table = await readTaskTableFile(file);
  if (!table.ok) throw new Error(JSON.stringify(table.problems.slice(0, 3)));
  await importTasks(db, table.rows, { now: MONDAY, today: calendarDateIn(MONDAY, 'Asia/Shanghai'), leadershipName: '区领导班子', actor: 'bench', source: file });
  const seconds = (performance.now() - start) / 1000;
  await db.destroy();
  return { rows, format, seconds, perSecond: rows / seconds, peakRssMb: peakRssMb() };
}

/** `seedDigest` then `digest` in one process: the quick run's single round, without a second start-up. */
async function seedAndDigest(options: { tasks: number; weeks: number }) {
  const seed = await seedDigest(options);
  return { ...seed, ...(await digest({ path: seed.path })) };
}

const measurements = { fanout, ingest, seedDigest, digest, seedAndDigest, import: importTable } as const;
const [name, options] = process.argv.slice(2) as [keyof typeof measurements, string];
const result = await (measurements[name] as (options: unknown) => Promise<unknown>)(JSON.parse(options));
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
