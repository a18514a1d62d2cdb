import { describe, expect, it } from 'vitest';
import { floodLimit } from '../../src/demo/bot-api-proxy.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { outboxDrained, startDuban, testClock, testConfig } from '../support/duban.ts';
import { linkedDistrict } from '../support/linked-district.ts';

/** Telegram 120–200 ms away, counting on arrival: the fan-out still runs near the limit (the bench has the exact ratio). */
describe('a fan-out at Telegram’s distance', () => {
  it('keeps the fan-out at 0.9 of the limit or more with Telegram 120–200 ms away, and no 429', { timeout: 60_000 }, async () => {
    const clock = testClock('2025-06-09T09:00:00+08:00');
    const district = await linkedDistrict(300, 1, clock.now());
    const { proxy, db, path } = district;
    const config = testConfig(path, district.apiRoot, { SEND_RATE_PER_SEC: '50' });
    proxy.roundTrip = () => 120 + Math.random() * 80;
    proxy.rule = floodLimit(50, { perChatIntervalMs: 1000 });
    const { app } = await startDuban(config, { now: clock.now });
    try {
      expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(300);
      app.wakeSender();
      await outboxDrained(db, 30_000);
      const landed = proxy.calls.filter((call) => call.method === 'sendMessage' && call.status === 200).map((call) => call.arrivedAt);
      expect(landed).toHaveLength(300);
      const perSecond = (landed.length - 1) / ((Math.max(...landed) - Math.min(...landed)) / 1000);
      expect(perSecond / 50).toBeGreaterThanOrEqual(0.9);
      expect(proxy.calls.filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await district.stop(app);
    }
  });

});
