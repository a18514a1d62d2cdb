import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { freshDatabase, importFixture, invitesOf, testConfig, TEST_TOKEN } from '../support/duban.ts';

/** An admin runs `npm run cli -- prompt` while the bot runs: the prompts arrive within seconds. */
describe('the admin CLI and the running bot share the outbox', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let path: string;
  let app: RunningApp;

  beforeAll(async () => {
    emulator = await startEmulator();
    ({ db, path } = await freshDatabase());
    await importFixture(db, 'tests/fixtures/five-tasks.csv');
    const config = testConfig(path, emulator.apiRoot);
    app = await startApp(config, { logger: createLogger({ level: 'fatal', secrets: [TEST_TOKEN] }), idleDelayMs: 20, schedules: false, listen: { host: '127.0.0.1', port: 0 } });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('delivers what a separate `cli prompt` process queued, with the default one-second outbox poll', async () => {
    const liNa = new TestUser(emulator.server, TEST_TOKEN, 501, '娜');
    await liNa.send(`/start ${(await invitesOf(db)).find((entry) => entry.name === '李娜')!.code}`);

    const cli = spawnSync(resolve('node_modules/.bin/tsx'), ['src/cli.ts', 'prompt'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DATABASE_URL: path, BOT_TOKEN: TEST_TOKEN, TIMEZONE: 'Asia/Shanghai', LOCALE: 'zh-CN' },
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('已排队 1 条催报消息');

    const queuedAt = Date.now();
    const [prompt] = await liNa.read();
    expect(prompt!.text).toContain('A-2 Invest');
    expect(Date.now() - queuedAt).toBeLessThan(5_000);
  });
});
