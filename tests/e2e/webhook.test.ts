import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator } from '../../src/demo/emulator.ts';
import { freshDatabase, importFixture, invitesOf, outboxDrained, startDuban, testConfig } from '../support/duban.ts';

const SECRET = 'a-webhook-secret-of-the-office_2025';

/** Webhook mode: Telegram posts updates with a secret header; nothing else gets in. */
describe('webhook mode', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let app: RunningApp;
  let code: string;
  let nextUpdateId = 5000;

  const update = (userId: number, text: string, updateId = nextUpdateId++) => ({
    update_id: updateId,
    message: {
      message_id: updateId, date: Math.floor(Date.now() / 1000), text,
      from: { id: userId, is_bot: false, first_name: 'Li' }, chat: { id: userId, type: 'private', first_name: 'Li' },
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  });
  const post = (body: unknown, secret?: string) =>
    fetch(`http://127.0.0.1:${app.http.port}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body: JSON.stringify(body),
    });
  const linked = async (chat: number) => (await db.selectFrom('people').select('name').where('telegramUserId', '=', chat).execute()).map((row) => row.name);

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/five-tasks.csv');
    code = (await invitesOf(db)).find((entry) => entry.name === '李娜')!.code!;
    ({ app } = await startDuban(testConfig(database.path, emulator.apiRoot, { WEBHOOK_URL: 'https://duban.example.gov/telegram/hook', WEBHOOK_SECRET: SECRET })));
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('refuses an update without the secret, or with a wrong one, and links nobody', async () => {
    expect((await post(update(301, `/start ${code}`))).status).toBe(401);
    expect((await post(update(301, `/start ${code}`), 'not-the-secret-at-all-000000')).status).toBe(401);
    expect(await linked(301)).toEqual([]);
    expect(sentTo(emulator.server, 301)).toEqual([]);
  });

  it('handles an update with the right secret, once even if Telegram posts it twice', async () => {
    const start = update(302, `/start ${code}`);
    expect((await post(start, SECRET)).status).toBe(200);
    expect((await post(start, SECRET)).status).toBe(200);
    expect(await linked(302)).toEqual(['李娜']);
    await outboxDrained(db);
    const greetings = sentTo(emulator.server, 302).filter((message) => message.text.includes('李娜（Development Bureau）您好'));
    expect(greetings).toHaveLength(1);
  });

  it('reports database and delivery state on /healthz', async () => {
    await outboxDrained(db);
    const now = new Date().toISOString();
    await db.insertInto('outbox').values([
      { dedupeKey: 'health:1', chatId: 1, method: 'sendMessage', payload: '{}', createdAt: new Date(Date.now() - 90_000).toISOString(), sentAt: null, telegramMessageId: null, error: null, status: 'pending', nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString() },
      { dedupeKey: 'health:2', chatId: 1, method: 'sendMessage', payload: '{}', createdAt: now, sentAt: null, telegramMessageId: null, error: '400 Bad Request', status: 'failed' },
    ]).execute();
    const response = await fetch(`http://127.0.0.1:${app.http.port}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { ok: boolean; mode: string; database: string; delivery: { pending: number; failed: number; sent: number; oldestPendingSeconds: number } };
    expect(health).toMatchObject({ ok: true, mode: 'webhook', database: 'ok', delivery: { pending: 1, failed: 1 } });
    expect(health.delivery.oldestPendingSeconds).toBeGreaterThanOrEqual(89);
    expect(JSON.stringify(health)).not.toContain(SECRET);
  });
});

describe('polling mode', () => {
  it('also answers /healthz', async () => {
    const emulator = await startEmulator();
    const { db, path } = await freshDatabase();
    const { app } = await startDuban(testConfig(path, emulator.apiRoot));
    try {
      const health = await (await fetch(`http://127.0.0.1:${app.http.port}/healthz`)).json();
      expect(health).toMatchObject({ ok: true, mode: 'polling', database: 'ok', delivery: { pending: 0, failed: 0, sent: 0 } });
      expect((await fetch(`http://127.0.0.1:${app.http.port}/telegram/hook`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await app.stop();
      await db.destroy();
      await emulator.stop();
    }
  });
});
