import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dueSteps } from '../../src/domain/holiday-schedule.ts';
import type { Schedule } from '../../src/domain/schedule.ts';
import { NO_MARKS, workCalendar } from '../../src/domain/work-calendar.ts';
import { freshDatabase, importFixture, TEST_TOKEN } from '../support/duban.ts';

const schedule: Schedule = { prompt: '0 9 * * 1', remind: '0 9 * * 3,5', digest: '0 17 * * 5', timeZone: 'Asia/Shanghai' };
/** What a restart at `at` owes, in a calendar with no holidays marked. */
const missed = (at: string) => dueSteps(schedule, workCalendar(NO_MARKS, NO_MARKS), new Date(at)).map(({ step, slot }) => `${step}@${slot.toISOString()}`);

describe('what a restart catches up', () => {
  it('owes nothing on Monday before the prompt', () => {
    expect(missed('2025-06-09T08:00:00+08:00')).toEqual([]);
  });

  it('owes the prompt when the process was down at Monday 09:00', () => {
    expect(missed('2025-06-10T10:00:00+08:00')).toEqual(['prompt@2025-06-09T01:00:00.000Z']);
  });

  it('owes the prompt and only the latest reminder after it', () => {
    expect(missed('2025-06-13T12:00:00+08:00')).toEqual(['prompt@2025-06-09T01:00:00.000Z', 'remind@2025-06-13T01:00:00.000Z']);
  });

  it('owes only the digest once its time has passed', () => {
    expect(missed('2025-06-14T10:00:00+08:00')).toEqual(['digest@2025-06-13T09:00:00.000Z']);
  });
});

function catchUpProcess(databaseUrl: string, at: string): Promise<string> {
  const child = spawn(resolve('node_modules/.bin/tsx'), ['tests/support/catch-up-process.ts'], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, BOT_TOKEN: TEST_TOKEN, AT: at },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done, fail) => child.once('exit', (code) => (code === 0 ? done(out) : fail(new Error(`exit ${code}`)))));
}

describe('two processes catching up at once', () => {
  it('run a missed step once between them, and a later restart runs it no more', { timeout: 60_000 }, async () => {
    const { db, path } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/five-tasks.csv', new Date('2025-06-01T00:00:00Z'));
    await db.updateTable('people').set({ telegramUserId: (eb) => eb('id', '+', 1000) }).execute();

    await Promise.all([catchUpProcess(path, '2025-06-10T10:00:00+08:00'), catchUpProcess(path, '2025-06-10T10:00:00+08:00')]);
    await catchUpProcess(path, '2025-06-11T10:00:00+08:00');

    const runs = await db.selectFrom('stepRuns').select(['step', 'slot', 'by']).orderBy('slot').execute();
    expect(runs).toEqual([
      { step: 'prompt', slot: '2025-06-09T01:00:00.000Z', by: 'catch-up' },
      { step: 'remind', slot: '2025-06-11T01:00:00.000Z', by: 'catch-up' },
    ]);
    const prompts = await db.selectFrom('outbox').select('dedupeKey').where('dedupeKey', 'like', 'prompt:%').execute();
    expect(prompts).toHaveLength(5);
    await db.destroy();
  });
});
