import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { freePort, startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, startProcess, testClock, testConfig, TEST_TOKEN, until } from '../support/duban.ts';
import { BotApiProxy } from '../../src/demo/bot-api-proxy.ts';
import { linkEveryOwner, promptCopies, writeGeneratedTable } from '../support/generated-table.ts';

describe('a sender killed in the middle of a fan-out', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let proxy: BotApiProxy;
  let db: Db;
  let config: Config;
  let env: Record<string, string>;
  let owners: Map<number, string>;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = new BotApiProxy(emulator.apiRoot);
    proxy.rule = (call) => (call.method === 'sendMessage' ? { delayMs: 40 } : undefined);
    const apiRoot = await proxy.start();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, writeGeneratedTable(mkdtempSync(join(tmpdir(), 'duban-table-')), 150, 2), clock.now());
    owners = await linkEveryOwner(db);
    config = testConfig(database.path, apiRoot);
    env = { DATABASE_URL: database.path, TELEGRAM_API_ROOT: apiRoot, BOT_TOKEN: TEST_TOKEN, SEND_RATE_PER_SEC: '100', LEASE_SECONDS: '1' };
  });

  afterAll(async () => {
    await db?.destroy();
    await proxy?.stop();
    await emulator?.stop();
  });

  it('delivers every prompt after a SIGKILL and a restart, repeating at most those in flight', { timeout: 60_000 }, async () => {
    expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(300);
    const first = await startProcess('sender-process', env);
    await until(() => proxy.calls.filter((call) => call.method === 'sendMessage').length >= 100, 30_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await new Promise((r) => setTimeout(r, 100)); // requests written just before the kill may still land
    // In flight: sent to Telegram but not yet recorded as sent when the process died. Per chat,
    // the calls the first process made less the messages the outbox has as sent.
    const recordedSent = new Map((await db.selectFrom('outbox').select(['chatId', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', 'sent').groupBy('chatId').execute()).map((row) => [row.chatId, Number(row.n)]));
    const callsBeforeKill = new Map<number, number>();
    for (const call of proxy.calls) if (call.method === 'sendMessage') callsBeforeKill.set(call.chatId!, (callsBeforeKill.get(call.chatId!) ?? 0) + 1);
    const inFlight = [...callsBeforeKill].reduce((sum, [chatId, calls]) => sum + Math.max(0, calls - (recordedSent.get(chatId) ?? 0)), 0);
    const sentBeforeKill = proxy.calls.filter((call) => call.method === 'sendMessage').length;
    expect(sentBeforeKill).toBeLessThan(300);

    const second = await startProcess('sender-process', env);
    try {
      await outboxDrained(db, 40_000);
    } finally {
      second.kill('SIGTERM');
    }
    const copies = promptCopies(emulator.server, owners, 2);
    expect([...copies].filter(([, n]) => n === 0).map(([code]) => code)).toEqual([]);
    const delivered = [...copies.values()].reduce((a, b) => a + b, 0);
    expect(delivered - 300).toBeLessThanOrEqual(inFlight);
    expect(inFlight).toBeLessThanOrEqual(32);
  });
});

describe('a restart of the whole bot', () => {
  it('records every handled update and refuses a second claim of the same update id', async () => {
    const emulator = await startEmulator();
    const { db, path } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/five-tasks.csv');
    const { app } = await startDuban(testConfig(path, emulator.apiRoot));
    try {
      const { claimUpdate } = await import('../../src/store/processed-updates.ts');
      expect(await claimUpdate(db, 424242, new Date())).toBe(true);
      expect(await claimUpdate(db, 424242, new Date())).toBe(false);
      const user = new TestUser(emulator.server, TEST_TOKEN, 77, 'x');
      await user.send('/help');
      const handled = await db.selectFrom('processedUpdates').select('updateId').execute();
      expect(handled.length).toBe(2);
    } finally {
      await app.stop();
      await db.destroy();
      await emulator.stop();
    }
  });

  it('stops gracefully on SIGTERM: polling ends, the process exits 0', { timeout: 30_000 }, async () => {
    const emulator = await startEmulator();
    const { db, path } = await freshDatabase();
    await db.destroy();
    const cwd = mkdtempSync(join(tmpdir(), 'duban-main-'));
    const child = spawn(process.execPath, ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, resolve('src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL: path, PORT: String(await freePort()) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await until(() => log.includes('duban is running') || child.exitCode !== null, 20_000);
    expect(log).toContain('duban is running');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    await emulator.stop();
    expect(code).toBe(0);
    expect(log).toContain('duban stopped');
    expect(log).not.toContain(TEST_TOKEN);
  });
});
