import { randomBytes } from 'node:crypto';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { onPostgres, TEST_DATABASE_PREFIX, testServer } from '../support/test-database.ts';

const SERVER = testServer ?? '';

/**
 * The very migrations that build SQLite build PostgreSQL, in a plain kysely (no duban code but
 * the migrations): what an operator's own tools find there. Run in the suite's PostgreSQL run.
 */
describe.runIf(onPostgres)('the migrations on PostgreSQL', () => {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: SERVER, max: 1 });
  let db: Kysely<Database>;

  beforeAll(async () => {
    await admin.query(`create database ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.href, max: 4 }) }), plugins: [new CamelCasePlugin()] });
  });

  afterAll(async () => {
    await db?.destroy();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  });

  it('run whole, once, and give the same tables as on SQLite', async () => {
    const applied = await migrateToLatest(db);
    expect(applied[0]).toBe('0001_one_table');
    expect(applied.length).toBeGreaterThanOrEqual(14);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = (await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(db)).rows.map((row) => row.tablename);
    for (const table of ['units', 'people', 'tasks', 'milestones', 'check_ins', 'outbox', 'outbox_files', 'task_co_units', 'pending_imports', 'public_commitments', 'commitment_changes']) expect(tables).toContain(table);
    expect(tables).not.toContain('tasks_rebuilt');
  });

  it('hold a supergroup\'s chat id, a standing task, a withdrawn one, codes one whatever their case, a share with its decimals', async () => {
    const [unit] = (await sql<{ id: number }>`insert into units (name) values ('区住建局') returning id`.execute(db)).rows;
    const [person] = (await sql<{ id: number }>`insert into people (name, unit_id, telegram_user_id) values ('王强', ${unit!.id}, 7123456789) returning id`.execute(db)).rows;
    const task = (code: string, due: string | null, status: string) =>
      sql<{ id: number; createdAt: string }>`insert into tasks (code, title, unit_id, leader_id, owner_id, start_date, due_date, status, updated_at) values (${code}, 'x', ${unit!.id}, ${person!.id}, ${person!.id}, '2026-01-01', ${due}, ${status}, '2026-01-01T00:00:00.000Z') returning id, created_at`.execute(db);
    const standing = (await task('ZX-01', null, 'open')).rows[0]!;
    expect(standing.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await task('ZX-02', '2026-06-30', 'withdrawn');
    await expect(task('zx-01', '2026-06-30', 'open')).rejects.toThrow(/tasks_code_folded/);
    await expect(task('ZX-03', '2026-06-30', 'lost')).rejects.toThrow(/tasks_status_check/);
    await sql`insert into outbox (dedupe_key, chat_id, method, payload, created_at) values ('digest:1:0', -1001234567890, 'sendMessage', '{}', '2026-01-01T00:00:00.000Z')`.execute(db);
    expect((await sql<{ chatId: string | number }>`select chat_id from outbox`.execute(db)).rows[0]!.chatId.toString()).toBe('-1001234567890');
    await sql`insert into milestones (task_id, due_date, description, share) values (${standing.id}, '2026-06-30', '完成', 76.2)`.execute(db);
    expect(Number((await sql<{ share: number }>`select share from milestones`.execute(db)).rows[0]!.share)).toBe(76.2);
  });
});
