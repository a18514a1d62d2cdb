import { spawn, type ChildProcess } from 'node:child_process';
import { inTransaction } from '../../src/db/transaction.ts';
import { startApp, type RunningApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { calendarDateIn } from '../../src/domain/calendar-date.ts';
import { translator } from '../../src/i18n/translate.ts';
import { readTaskTableFile } from '../../src/io/read-task-table.ts';
import { createLogger } from '../../src/logger.ts';
import { importTasks } from '../../src/store/import-tasks.ts';
import { freshDatabaseUrl } from './test-database.ts';
import { inviteKey, listInvites, type InviteEntry } from '../../src/store/invites.ts';

export const TEST_TOKEN = '123456789:TEST-token_for-the-emulator';

/**
 * A fresh database, migrated: a SQLite file in its own temp folder, or, when the suite runs on
 * PostgreSQL, a database of its own there. `path` is what DATABASE_URL would say.
 */
export async function freshDatabase(): Promise<{ db: Db; path: string }> {
  const path = await freshDatabaseUrl();
  const db = openDatabase(path);
  await migrateToLatest(db);
  return { db, path };
}

/** Imports a fixture the way `cli import` does, failing loudly if the fixture is bad. */
export async function importFixture(db: Db, file: string, now = new Date()): Promise<void> {
  const table = await readTaskTableFile(file);
  if (!table.ok) throw new Error(`fixture ${file} is invalid: ${JSON.stringify(table.problems)}`);
  await inTransaction(db, (trx) => importTasks(trx, table.rows, { now, today: calendarDateIn(now, 'Asia/Shanghai'), leadershipName: translator('zh-CN')('unit.leadership'), actor: 'test', source: file, withdrawUnlisted: false }));
}

export async function invitesOf(db: Db): Promise<InviteEntry[]> {
  return inTransaction(db, (trx) => listInvites(trx, inviteKey(TEST_TOKEN), new Date()));
}

export function testConfig(databaseUrl: string, apiRoot: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: databaseUrl, LOCALE: 'zh-CN', ...overrides });
}

/**
 * Starts duban as `npm start` would, with its log lines kept for the test to read. The cron
 * schedules are off and the clock is the test's: the test runs each step at the time it says.
 */
export async function startDuban(config: Config, options: { now?: () => Date } = {}): Promise<{ app: RunningApp; logs: string[] }> {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [config.botToken], destination: { write: (line: string) => void logs.push(line) } });
  const app = await startApp(config, { logger, idleDelayMs: 20, outboxPollMs: 50, schedules: false, now: options.now, listen: { host: '127.0.0.1', port: 0 } });
  return { app, logs };
}

/** Waits until every queued message has been sent (or given up on). */
export async function outboxDrained(db: Db, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    if (Number(pending.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending.n} messages still pending`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A clock the test sets: `clock.set('2025-06-09T09:00:00+08:00')`. */
export function testClock(start: string) {
  let current = new Date(start);
  return { now: () => current, set: (instant: string) => void (current = new Date(instant)) };
}

/** Waits until `condition` holds (it may be async), or fails naming what it waited for. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The scripts a test may run as processes of duban's own: the whole bot, or the sender alone (the bench's). */
const PROCESS_SCRIPTS = { 'bot-process': 'tests/support/bot-process.ts', 'sender-process': 'bench/sender-process.ts' } as const;

/**
 * A process of duban's own run by Node itself, not the tsx wrapper, so that a SIGKILL reaches
 * the process that does the work; resolves once it says it is ready.
 */
export function startProcess(script: keyof typeof PROCESS_SCRIPTS, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', PROCESS_SCRIPTS[script]], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ready, fail) => {
    child.stdout!.once('data', () => ready(child));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
}
