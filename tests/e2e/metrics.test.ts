import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import { startEmulator } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testConfig } from '../support/duban.ts';

/**
 * /metrics (issue 17): what an operator watches, in Prometheus's format, after a fan-out of prompts
 * during which Telegram once answered 429: the outbox by status and kind, the 429 and the seconds
 * paused, send durations, steps run, Node's defaults — and no chat id in any label.
 */
describe('/metrics', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let app: RunningApp;
  let body = '';

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/district-table.csv');
    const people = await db.selectFrom('people').select('id').execute();
    for (const [i, person] of people.entries()) await db.updateTable('people').set({ telegramUserId: 7_000_000_000 + i }).where('id', '=', person.id).execute();
    const config = testConfig(database.path, emulator.apiRoot);
    ({ app } = await startDuban(config));
    let injected = false;
    emulator.proxy.rule = (call) => (call.method === 'sendMessage' && !injected ? ((injected = true), { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 }) : undefined);
    // As the schedule runs it: claimed once (step_runs), so that no other process runs it too.
    const at = new Date();
    await runPromptStep({ db, config, t: translator('zh-CN') }, at, { slot: at, by: 'test' });
    app.wakeSender();
    await outboxDrained(db, 20_000);
    body = await (await fetch(`http://127.0.0.1:${app.http.port}/metrics`)).text();
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
  });

  const value = (line: RegExp) => Number(new RegExp(`^${line.source} (\\S+)$`, 'm').exec(body)?.[1]);

  it('counts the outbox by status and kind, answers recorded and steps run, from the database', () => {
    expect(value(/duban_outbox_pending/)).toBe(0);
    expect(value(/duban_outbox_oldest_pending_seconds/)).toBe(0);
    expect(value(/duban_outbox_messages\{status="sent",kind="prompt"\}/)).toBeGreaterThan(0);
    expect(value(/duban_answers_recorded/)).toBe(0);
    expect(value(/duban_steps_run\{step="prompt"\}/)).toBe(1);
  });

  it('counts Telegram\'s 429, the seconds it paused everything, and how long sends took', () => {
    expect(value(/duban_telegram_429_total/)).toBe(1);
    expect(value(/duban_retry_after_paused_seconds_total/)).toBe(1);
    expect(value(/duban_send_duration_seconds_count\{outcome="ok"\}/)).toBeGreaterThan(0);
    expect(value(/duban_send_duration_seconds_count\{outcome="error"\}/)).toBe(1);
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('puts no chat id in any label', () => {
    const labels = [...body.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
    for (const label of labels) expect(label).not.toMatch(/\d{6,}/);
    expect(body).not.toContain('7000000000');
  });
});
