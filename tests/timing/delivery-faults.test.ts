import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { outboxDrained, startDuban, testClock, testConfig } from '../support/duban.ts';
import { BotApiProxy } from '../../src/demo/bot-api-proxy.ts';
import { linkedDistrict } from '../support/linked-district.ts';

const GROUP = -1009000000001;
const RETRY_AFTER_S = 1;

/**
 * 300 prompts to 150 people through a proxy that answers like a Telegram under strain: one in
 * five calls fails with 500 or 502, some answers are slow, one call gets 429 with retry_after,
 * and one person has blocked the bot (403).
 */
describe('delivery under faults', () => {
  let district: Awaited<ReturnType<typeof linkedDistrict>>;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let proxy: BotApiProxy;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let logs: string[];
  let owners: Map<number, string>;
  let blockedChat: number;
  let stillBlocked = true;
  let rateLimitedAt: number | undefined;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    district = await linkedDistrict(150, 2, clock.now());
    ({ emulator, proxy, db, owners } = district);
    blockedChat = [...owners.keys()][17]!;

    let sends = 0;
    proxy.rule = (call) => {
      if (call.method !== 'sendMessage') return undefined;
      sends += 1;
      if (call.chatId === blockedChat && stillBlocked) return { status: 403, description: 'Forbidden: bot was blocked by the user' };
      if (sends === 60) {
        rateLimitedAt = Date.now();
        return { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: RETRY_AFTER_S };
      }
      if (sends % 5 === 0) return { status: sends % 10 === 0 ? 502 : 500, description: 'Internal Server Error' };
      if (sends % 7 === 0) return { delayMs: 150 };
      return undefined;
    };
    // Room for the names of all 150 who have not reported: the digest's budget would fold them into counts.
    config = testConfig(district.path, district.apiRoot, { LEADERSHIP_CHAT_ID: String(GROUP), SEND_RATE_PER_SEC: '200', DIGEST_MAX_MESSAGES: '20' });
    ({ app, logs } = await startDuban(config, { now: clock.now }));
  });

  afterAll(async () => district?.stop(app));

  it('delivers every prompt exactly once despite 20% server errors and slow answers', { timeout: 90_000 }, async () => {
    const run = await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now());
    expect(run.queued).toBe(300);
    app.wakeSender();
    await outboxDrained(db, 80_000);

    const serverErrors = proxy.calls.filter((call) => call.status === 500 || call.status === 502).length;
    expect(serverErrors).toBeGreaterThanOrEqual(50);
    for (const [chatId, name] of owners) {
      if (chatId === blockedChat) continue;
      const index = name.replace('人员', '');
      const texts = sentTo(emulator.server, chatId).map((message) => message.text);
      for (const code of [`T-${index}-1`, `T-${index}-2`]) expect(texts.filter((text) => text.includes(`${code} `)), `${name} ${code}`).toHaveLength(1);
    }
  });

  it('sends nothing from the moment it learns of a 429 until retry_after has passed', () => {
    expect(rateLimitedAt).toBeDefined();
    const lines = logs.map((line) => JSON.parse(line) as { time: number; msg: string; pausedFrom?: number; pausedUntil?: number });
    const pause = lines.find((line) => line.msg.includes('slow down'))!;
    const [pausedAt, pauseEnds] = [pause.pausedFrom!, pause.pausedUntil!];
    expect(pauseEnds - pausedAt).toBe(RETRY_AFTER_S * 1000);
    expect(pausedAt - rateLimitedAt!).toBeLessThan(500);
    const dispatched = lines.filter((line) => line.msg === 'sending');
    expect(dispatched.filter((line) => line.time > pausedAt && line.time < pauseEnds)).toEqual([]);
    expect(dispatched.some((line) => line.time >= pauseEnds)).toBe(true);
    // At the stand-in: requests dispatched before the pause may land a little after the 429
    // (they share this test's event loop); nothing lands later in the window.
    const landed = proxy.calls.filter((call) => call.method === 'sendMessage' && call.arrivedAt > rateLimitedAt! + 200 && call.arrivedAt < rateLimitedAt! + RETRY_AFTER_S * 1000);
    expect(landed).toEqual([]);
  });

  it('tries a chat that blocked the bot once, and fails its messages without retrying', async () => {
    expect(proxy.sendsTo(blockedChat).length).toBeLessThanOrEqual(2);
    const rows = await db.selectFrom('outbox').select(['status', 'error']).where('chatId', '=', blockedChat).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ status: 'failed', error: expect.stringContaining('unreachable') });
  });

  it('names the unreachable person in the digest', async () => {
    clock.set('2025-06-13T17:00:00+08:00');
    await runDigestStep({ db, config, t: translator('zh-CN') }, clock.now());
    app.wakeSender();
    await outboxDrained(db, 30_000);
    const digest = sentTo(emulator.server, GROUP).map((message) => message.text).join('\n');
    const name = owners.get(blockedChat)!;
    expect(digest).toMatch(new RegExp(`${name}（单位\\d+）：T-\\d+-1、T-\\d+-2（无法送达：已屏蔽机器人或停用账号）`));
    expect(digest).toContain('未报送（150 人）');
  }, 40_000);

  it('reaches a person again once they write to the bot', async () => {
    const { TestUser } = await import('../../src/demo/emulator.ts');
    const { TEST_TOKEN } = await import('../support/duban.ts');
    stillBlocked = false;
    await new TestUser(emulator.server, TEST_TOKEN, blockedChat, 'back').send('/whoami');
    expect(await db.selectFrom('unreachableChats').selectAll().where('chatId', '=', blockedChat).execute()).toEqual([]);
  });
});
