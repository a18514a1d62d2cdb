import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDueSteps } from '../../src/jobs/schedules.ts';
import { createLogger } from '../../src/logger.ts';
import { inviteKey } from '../../src/store/invites.ts';
import { freshDatabase, importFixture, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { privateMessage } from '../support/updates.ts';

const GROUP = -1005550000020;
const t = translator('zh-CN');
const owners = { 张伟: 801, 李娜: 802 } as const;

/**
 * The weekly cycle over the 2026 Spring Festival and National Day, as `npm start` runs it: the
 * scheduler looks at 09:00 and 17:00 every day (the clock is the test's) and runs what the working
 * calendar owes, through the real steps and a real database. Which step ran on which day, which
 * week has no cycle, who is counted silent, and what the digest says of a move.
 */
describe('the cycle over 2026’s holidays', () => {
  let db: Db;
  let config: Config;
  const clock = testClock('2026-02-09T08:00:00+08:00');
  const logs: string[] = [];
  let bot: ReturnType<typeof createBot>;
  let updateId = 1;

  /** Every day from `from` to `to`, the scheduler's looks at 09:00 and 17:00, Beijing time. */
  async function runDays(from: string, to: string, answers: Record<string, [keyof typeof owners, string][]> = {}) {
    for (let day = new Date(`${from}T00:00:00+08:00`); day <= new Date(`${to}T00:00:00+08:00`); day = new Date(day.getTime() + 86_400_000)) {
      const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(day);
      for (const time of ['09:00', '17:00']) {
        clock.set(`${date}T${time}:00+08:00`);
        await runDueSteps({ db, config, t, logger: createLogger({ level: 'info', secrets: [], destination: { write: (line: string) => void logs.push(line) } }), afterRun: () => {}, now: clock.now }, 'schedule');
        if (time === '09:00') {
          clock.set(`${date}T10:00:00+08:00`);
          for (const [owner, text] of answers[date] ?? []) await bot.handleUpdate({ update_id: updateId++, ...privateMessage(owners[owner], text) } as Update);
        }
      }
    }
  }

  const ran = async () =>
    (await db.selectFrom('stepRuns').select(['step', 'slot', 'ranAt']).orderBy('ranAt').orderBy('step').execute())
      .map((run) => `${run.step} ${local(run.slot)} ran ${local(run.ranAt)}`);
  const local = (instant: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
  /** One week's digest, all its messages: from its heading to the next digest's. */
  const digestOf = (texts: string[], week: string) => {
    const all = texts.join('\n');
    const from = all.indexOf(`督查周报 · ${week}`);
    const next = all.indexOf('督查周报 · ', from + 1);
    return all.slice(from, next < 0 ? undefined : next);
  };
  const groupTexts = async () => (await db.selectFrom('outbox').select('payload').where('chatId', '=', GROUP).where('method', '=', 'sendMessage').orderBy('id').execute()).map((row) => (JSON.parse(row.payload) as { text: string }).text.replace(/<[^>]+>/g, ''));

  beforeAll(async () => {
    const database = await freshDatabase();
    db = database.db;
    const folder = mkdtempSync(join(tmpdir(), 'duban-holidays-'));
    writeFileSync(join(folder, 'table.csv'), ['编号,事项,责任单位,责任人,分管领导,开始时间,完成时限', 'H-1,城中村改造,瓯江街道,张伟,王建国,2026-01-01,2026-12-31', 'H-2,社区食堂,区民政局,李娜,王建国,2026-01-01,2026-12-31'].join('\n'));
    await importFixture(db, join(folder, 'table.csv'), clock.now());
    for (const [name, chat] of Object.entries(owners)) await db.updateTable('people').set({ telegramUserId: chat }).where('name', '=', name).execute();
    config = testConfig(database.path, 'http://127.0.0.1:9', { LEADERSHIP_CHAT_ID: String(GROUP) });
    expect(config.holidays).toBe('cn');
    bot = createBot(TEST_TOKEN, { config, db, t, logger: createLogger({ level: 'fatal', secrets: [] }), inviteKey: inviteKey(TEST_TOKEN), now: clock.now, wakeSender: () => {} });
    bot.botInfo = { id: 1, is_bot: true, first_name: '督办', username: 'duban_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  });

  afterAll(async () => {
    expect(logs.filter((line) => line.includes('"level":50'))).toEqual([]);
    await db?.destroy();
  });

  it('runs the week before the Spring Festival as usual, none in the week off, and Tuesday’s prompt after it', async () => {
    // Both answer in week 7; in week 9 only 李娜 does.
    await runDays('2026-02-09', '2026-03-01', { '2026-02-10': [['张伟', '/report H-1 30% 完成征迁摸底'], ['李娜', '/report H-2 20% 选址确定']], '2026-02-25': [['李娜', '/report H-2 35% 开始装修']] });
    expect(await ran()).toEqual([
      'prompt 2026-02-09 09:00 ran 2026-02-09 09:00',
      'remind 2026-02-11 09:00 ran 2026-02-11 09:00',
      'remind 2026-02-13 09:00 ran 2026-02-13 09:00',
      'digest 2026-02-13 17:00 ran 2026-02-13 17:00',
      'prompt 2026-02-23 09:00 ran 2026-02-24 09:00',
      'remind 2026-02-25 09:00 ran 2026-02-25 09:00',
      'remind 2026-02-27 09:00 ran 2026-02-27 09:00',
      'digest 2026-02-27 17:00 ran 2026-02-27 17:00',
    ]);
    expect((await db.selectFrom('cycles').select('week').where('openedAt', 'is not', null).orderBy('week').execute()).map((cycle) => cycle.week)).toEqual(['2026-W07', '2026-W09']);
  });

  it('counts nobody silent for the week with no cycle: one missed week is yellow, not two weeks running', async () => {
    const digest = digestOf(await groupTexts(), '第9周');
    expect(digest).toContain('🟡 H-1 城中村改造\n　瓯江街道 · 张伟 · 分管 王建国 · 30%\n　本周未报送');
    expect(digest).not.toContain('连续');
    expect(digest).not.toMatch(/🔴 H-1/);
  });

  it('moves a digest off a holiday Friday, past the weekend and into the next week, and says so', async () => {
    await runDays('2026-09-21', '2026-10-11');
    expect((await ran()).slice(8)).toEqual([
      'prompt 2026-09-21 09:00 ran 2026-09-21 09:00',
      'remind 2026-09-23 09:00 ran 2026-09-23 09:00',
      'prompt 2026-09-28 09:00 ran 2026-09-28 09:00',
      'digest 2026-09-25 17:00 ran 2026-09-28 17:00',
      'remind 2026-09-30 09:00 ran 2026-09-30 09:00',
      'prompt 2026-10-05 09:00 ran 2026-10-08 09:00',
      'digest 2026-10-02 17:00 ran 2026-10-08 17:00',
      'remind 2026-10-09 09:00 ran 2026-10-09 09:00',
      'digest 2026-10-09 17:00 ran 2026-10-09 17:00',
    ]);
    const texts = await groupTexts();
    const week40 = digestOf(texts, '第40周');
    expect(week40).toContain('（本期周报原定 2026-10-02，因国庆节顺延至今日）');
    const week41 = digestOf(texts, '第41周');
    expect(week41).not.toContain('顺延');
    // Each week's digest closed its own cycle, the week of 10-01's after the next had opened.
    const cycles = await db.selectFrom('cycles').select(['week', 'closedAt']).where('week', 'in', ['2026-W39', '2026-W40', '2026-W41']).orderBy('week').execute();
    expect(cycles.map((cycle) => `${cycle.week} ${cycle.closedAt && local(cycle.closedAt)}`)).toEqual(['2026-W39 2026-09-28 17:00', '2026-W40 2026-10-08 17:00', '2026-W41 2026-10-09 17:00']);
  });

  it('runs each step once, however often the scheduler looks again (a restart, another process)', async () => {
    const before = await ran();
    clock.set('2026-10-09T17:00:10+08:00');
    await runDueSteps({ db, config, t, logger: createLogger({ level: 'fatal', secrets: [] }), afterRun: () => {}, now: clock.now }, 'catch-up');
    expect(await ran()).toEqual(before);
  });
});
