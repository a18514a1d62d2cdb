import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/db/backup.ts';
import { cliWith, count, dump, freshDatabaseUrl } from '../support/cli-process.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';
import { onPostgres } from '../support/test-database.ts';

// The SQLite file's own backups; on PostgreSQL `cli backup` points to pg_dump (tested below on either).
describe.skipIf(onPostgres)('backups', () => {
  it('copies a live database consistently while another connection writes, and keeps the newest N', async () => {
    const { db, path } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/district-table.csv');
    const dir = mkdtempSync(join(tmpdir(), 'duban-backups-'));
    const writer = new Database(path);
    let writes = 0;
    const busy = setInterval(() => {
      writer.prepare('insert into audit_log (at, actor, action) values (?, ?, ?)').run(new Date().toISOString(), 'test', 'write');
      writes += 1;
    }, 1);
    const made: string[] = [];
    try {
      for (let i = 0; i < 4; i += 1) made.push(await backupDatabase(path, dir, 3, new Date(Date.UTC(2025, 5, 13, 2, 0, i))));
    } finally {
      clearInterval(busy);
      writer.close();
    }
    expect(writes).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['duban-2025-06-13T020001Z.sqlite', 'duban-2025-06-13T020002Z.sqlite', 'duban-2025-06-13T020003Z.sqlite']);
    const copy = new Database(made.at(-1)!, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select code from tasks order by code').all()).toHaveLength(6);
    copy.close();
    await db.destroy();
  });

  it('runs from the command line: npm run cli -- backup', async () => {
    const { db, path } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/five-tasks.csv');
    await db.destroy();
    const dir = join(mkdtempSync(join(tmpdir(), 'duban-backups-')), 'nested');
    const run = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('src/cli.ts'), 'backup'], { encoding: 'utf8', env: { PATH: process.env.PATH, DATABASE_URL: path, BACKUP_DIR: dir } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('数据库已备份到');
    const [file] = readdirSync(dir);
    expect(existsSync(join(dir, file!))).toBe(true);
    const copy = new Database(join(dir, file!), { readonly: true });
    expect(copy.prepare('select count(*) as n from tasks').get()).toEqual({ n: 5 });
    copy.close();
  });
});

describe.skipIf(onPostgres)('npm run cli -- restore FILE', () => {
  it('puts a backup back, keeping the current database as a backup first; refuses what is no duban backup, changing nothing', async () => {
    const db = await freshDatabaseUrl();
    const folder = mkdtempSync(join(tmpdir(), 'duban-restore-'));
    const env = { BACKUP_DIR: join(folder, 'backups') };
    expect(cliWith(db, { env }, 'import', resolve('tests/fixtures/five-tasks.csv')).status).toBe(0);
    const backup = cliWith(db, { env }, 'backup');
    expect(backup.status).toBe(0);
    const [saved] = readdirSync(env.BACKUP_DIR);
    expect(cliWith(db, { env }, 'import', resolve('tests/fixtures/district-table.csv')).status).toBe(0);
    const grown = (await count(db, 'tasks'));

    writeFileSync(join(folder, 'notes.sqlite'), '这不是数据库');
    const empty = new Database(join(folder, 'empty.sqlite'));
    empty.exec('create table t (x)');
    empty.close();
    const untouched = (await dump(db));
    for (const [file, words] of [['notes.sqlite', '不是 SQLite 数据库'], ['empty.sqlite', '不是督办的数据库'], ['missing.sqlite', '不存在']] as const) {
      const refused = cliWith(db, { env }, 'restore', join(folder, file));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(words);
    }
    expect((await dump(db))).toBe(untouched);

    const restored = cliWith(db, { env }, 'restore', join(env.BACKUP_DIR, saved!));
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('已先把当前数据库备份到');
    expect(restored.stdout).toMatch(/已从 duban-.*\.sqlite 恢复：5 项事项/);
    expect((await count(db, 'tasks'))).toBe(5);
    // The database as it was before the restore is a backup of its own: the restore can be undone.
    const before = readdirSync(env.BACKUP_DIR).filter((name) => name.endsWith('.sqlite') && name !== saved);
    expect(before).toHaveLength(1);
    const copy = new Database(join(env.BACKUP_DIR, before[0]!), { readonly: true });
    expect((copy.prepare('select count(*) as n from tasks').get() as { n: number }).n).toBe(grown);
    copy.close();
  });
});

describe.runIf(onPostgres)('npm run cli -- backup on PostgreSQL', () => {
  it('says to use PostgreSQL\'s own tools, and copies nothing', async () => {
    const db = await freshDatabaseUrl();
    for (const command of ['backup', 'restore']) {
      const run = cliWith(db, {}, command, 'x.sqlite');
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('pg_dump');
    }
  });
});
