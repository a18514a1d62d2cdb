import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testClock, testConfig } from '../support/duban.ts';

const GROUP = -1005550000021;

/**
 * A digest of more units than one image holds sends its chart as an album — one call, the
 * photos shown together — through the outbox and the sender like every other message.
 */
describe('the chart of a district of 30 units', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let app: RunningApp;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    const table = ['编号,事项,责任单位,责任人,分管领导,开始时间,完成时限'];
    for (let unit = 1; unit <= 30; unit += 1) table.push(`U-${unit},第${unit}单位的任务,第${unit}街道,人员${unit},领导${unit % 3},2025-01-01,2025-12-31`);
    const file = join(mkdtempSync(join(tmpdir(), 'duban-album-')), 'thirty.csv');
    writeFileSync(file, table.join('\n'));
    await importFixture(db, file, clock.now());
    const config = testConfig(database.path, emulator.apiRoot, { LEADERSHIP_CHAT_ID: String(GROUP) });
    ({ app } = await startDuban(config, { now: clock.now }));
    const steps = { db, config, t: translator('zh-CN') };
    await runPromptStep(steps, clock.now());
    clock.set('2025-06-13T17:00:00+08:00');
    await runDigestStep(steps, clock.now());
    app.wakeSender();
    await outboxDrained(db);
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('goes as one album of two PNGs, the caption on the first, after the digest’s text', async () => {
    const album = emulator.proxy.uploads.filter((upload) => upload.chatId === GROUP && upload.method === 'sendMediaGroup');
    expect(album.map((photo) => photo.filename)).toEqual(['2025-W24-1.png', '2025-W24-2.png']);
    for (const photo of album) expect(photo.bytes!.subarray(1, 4).toString()).toBe('PNG');
    expect(album[0]!.caption).toBe('📊 第24周（6月9日—15日） 各单位红黄绿灯与报送率');
    expect(album[1]!.caption).toBeUndefined();
    expect(emulator.proxy.calls.filter((call) => call.method === 'sendMediaGroup')).toHaveLength(1);
    expect(emulator.proxy.calls.filter((call) => call.method === 'sendPhoto')).toHaveLength(0);
    expect(sentTo(emulator.server, GROUP)[0]!.text).toContain('督查周报 · 第24周（6月9日—15日）');
    const row = await db.selectFrom('outbox').select(['status', 'telegramMessageId']).where('method', '=', 'sendMediaGroup').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', telegramMessageId: album[0]!.messageId });
  });
});
