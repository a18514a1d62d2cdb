import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { BotApiProxy } from '../../src/demo/bot-api-proxy.ts';
import { startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { linkEveryOwner, writeGeneratedTable } from '../support/generated-table.ts';

/**
 * Monday morning: 800 prompts are on their way at the send limit when someone answers. Their
 * answer is acknowledged at once, not after every prompt has gone out.
 */
describe('a reply during the fan-out', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let proxy: BotApiProxy;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let owners: Map<number, string>;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = new BotApiProxy(emulator.apiRoot);
    const apiRoot = await proxy.start();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, writeGeneratedTable(mkdtempSync(join(tmpdir(), 'duban-table-')), 400, 2), clock.now());
    owners = await linkEveryOwner(db);
    config = testConfig(database.path, apiRoot, { SEND_RATE_PER_SEC: '200' });
    ({ app } = await startDuban(config, { now: clock.now }));
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await proxy?.stop();
    await emulator?.stop();
  });

  it('acknowledges an answer ahead of the prompts still queued', { timeout: 60_000 }, async () => {
    expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(800);
    app.wakeSender();
    // The last owner: in rounds, their own first prompt is due only halfway through.
    const [chatId, name] = [...owners].at(-1)!;
    const { code } = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select('tasks.code').where('people.telegramUserId', '=', chatId).orderBy('tasks.code').executeTakeFirstOrThrow();
    const owner = new TestUser(emulator.server, TEST_TOKEN, chatId, name);
    await owner.write(`/report ${code} 50% 完成入户调查`);
    let acknowledged = false;
    while (!acknowledged) acknowledged = (await owner.read()).some((message) => message.text.includes(code) && message.text.includes('50%'));
    const promptsSentBefore = proxy.calls.filter((call) => call.method === 'sendMessage' && call.chatId !== chatId).length;
    expect(promptsSentBefore).toBeLessThan(400);
    await outboxDrained(db, 30_000);
  });
});
