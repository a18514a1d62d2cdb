import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { outboxDrained, startDuban, testClock, testConfig } from '../support/duban.ts';
import { BotApiProxy, floodLimit } from '../../src/demo/bot-api-proxy.ts';
import { linkedDistrict } from '../support/linked-district.ts';

const LIMIT = 200;

/**
 * At a scaled limit the sender runs close to it and never makes the stand-in say 429, though
 * every chat gets two prompts and may have only one a second, and twenty prompts are held up on
 * their way, so that they land together with those sent after them.
 */
describe('the send rate at a scaled limit', () => {
  let district: Awaited<ReturnType<typeof linkedDistrict>>;
  let proxy: BotApiProxy;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    district = await linkedDistrict(400, 2, clock.now());
    ({ proxy, db } = district);
    proxy.rule = floodLimit(LIMIT);
    proxy.onTheWay = (method, index) => (method === 'sendMessage' && index >= 300 && index < 320 ? 100 : 0);
    config = testConfig(district.path, district.apiRoot, { SEND_RATE_PER_SEC: String(LIMIT) });
    ({ app } = await startDuban(config, { now: clock.now }));
  });

  afterAll(async () => district?.stop(app));

  it(`sends 800 prompts to 400 chats (two each) at close to ${LIMIT}/s with no 429`, { timeout: 60_000 }, async () => {
    expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(800);
    app.wakeSender();
    await outboxDrained(db, 30_000);
    const sends = proxy.calls.filter((call) => call.method === 'sendMessage');
    expect(sends.filter((call) => call.status === 429).map((call) => ({ atMs: call.arrivedAt - sends[0]!.arrivedAt, inWindow: sends.filter((o) => o.arrivedAt > call.arrivedAt - 1000 && o.arrivedAt <= call.arrivedAt).length }))).toEqual([]);
    expect(sends).toHaveLength(800);
    const seconds = (sends.at(-1)!.arrivedAt - sends[0]!.arrivedAt) / 1000;
    const rate = (sends.length - 1) / seconds;
    expect(rate).toBeLessThanOrEqual(LIMIT);
    // "Close to the limit, not far below it": the exact ratio is the bench's to measure (npm run
    // bench, ≥ 0.95 there); here a loaded machine must not fail the test, but a collapse must.
    expect(rate).toBeGreaterThanOrEqual(LIMIT * 0.75);
  });
});
