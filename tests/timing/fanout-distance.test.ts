import { Telegraf } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { startSender } from '../../src/delivery/sender.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { createLogger } from '../../src/logger.ts';
import { standInProcess } from '../../bench/stand-in.ts';
import { freshDatabase, importFixture, outboxDrained, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { linkEveryOwner, writeGeneratedTable } from '../support/generated-table.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Telegram 120–200 ms away, counting on arrival, in a process of its own as Telegram is another
 * machine: the real outbox and sender still run near the limit (the bench has the exact ratio).
 */
describe('a fan-out at Telegram’s distance', () => {
  it('keeps the fan-out at 0.9 of the limit or more with Telegram 120–200 ms away, and no 429', { timeout: 60_000 }, async () => {
    const clock = testClock('2025-06-09T09:00:00+08:00');
    const standIn = await standInProcess({ perSecond: 100, roundTripMs: [120, 200] });
    const { db, path } = await freshDatabase();
    await importFixture(db, writeGeneratedTable(mkdtempSync(join(tmpdir(), 'duban-table-')), 500, 1), clock.now());
    await linkEveryOwner(db);
    const config = testConfig(path, standIn.apiRoot, { SEND_RATE_PER_SEC: '100' });
    const telegram = new Telegraf(TEST_TOKEN, { telegram: { apiRoot: standIn.apiRoot } }).telegram;
    const sender = startSender({ db, telegram, logger: createLogger({ level: 'fatal', secrets: [TEST_TOKEN] }), now: clock.now, pollMs: 20, ratePerSecond: 100 });
    try {
      expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(500);
      sender.wake();
      await outboxDrained(db, 30_000);
      const { landed, tooMany } = await standIn.report();
      expect(landed).toHaveLength(500);
      const arrivals = landed.map((l) => l.at).sort((a, b) => a - b);
      const perSecond = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
      expect(perSecond).toBeLessThanOrEqual(100);
      expect(perSecond / 100).toBeGreaterThanOrEqual(0.9);
      expect(tooMany).toBe(0);
    } finally {
      await sender.stop();
      standIn.stop();
      await db.destroy();
    }
  });
});
