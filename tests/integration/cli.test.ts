import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli, CLI_TOKEN, count, dump, freshDatabaseUrl, query } from '../support/cli-process.ts';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../support/test-database.ts';

const TOKEN = CLI_TOKEN;
const fresh = freshDatabaseUrl;
const fixture = (name: string) => resolve('tests/fixtures', name);

describe('npm run cli', () => {
  it('imports the same table twice and keeps exactly one row per task, unit and person', async () => {
    const db = await fresh();
    const first = cli(db, 'import', fixture('district-table.csv'));
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('事项 新增 6、更新 0、未变 0；单位 新增 6；人员 新增 8');
    const second = cli(db, 'import', fixture('district-table.csv'));
    expect(second.stdout).toContain('事项 新增 0、更新 0、未变 6；单位 新增 0；人员 新增 0');
    expect([(await count(db, 'tasks')), (await count(db, 'units')), (await count(db, 'people')), (await count(db, 'milestones'))]).toEqual([6, 6, 8, 10]);
  });

  it('rejects a file with a bad date on line 3, names line 3 and the column, and leaves the database as it was', async () => {
    const db = await fresh();
    cli(db, 'import', fixture('five-tasks.csv'));
    const before = (await dump(db));
    const run = cli(db, 'import', fixture('bad-date-line-3.csv'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('导入失败，数据库未作任何改动');
    expect(run.stderr).toContain('第 3 行 F 列「完成时限」：日期“2025-02-30”不存在');
    expect((await dump(db))).toBe(before);
  });

  it('lists every problem of a bad file at once: missing owner, duplicate code, bad location; a column it does not use is set aside, named', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-bad-')), 'bad.csv');
    writeFileSync(file, ['编号,事项,责任单位,责任人,分管领导,完成时限,位置,备注', 'A,a,U,P,L,2025-06-30,"27.9,120.7",x'].join('\n'));
    const run = cli(await fresh(), 'import', file);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('事项 新增 1、更新 0');
    expect(run.stdout).toContain('第 1 行：这些列督办用不到，已略过（数据未导入）：H「备注」');
    writeFileSync(file, ['编号,事项,责任单位,责任人,分管领导,完成时限,位置,备注', 'A,a,U,,L,2025-06-30,"27.9,120.7",x', 'A,b,U,P,L,2025/6/30,north,y'].join('\n'));
    const rows = cli(await fresh(), 'import', file);
    expect(rows.status).toBe(1);
    expect(rows.stderr).toContain('第 2 行 D 列「责任人」：必填，不能为空');
    expect(rows.stderr).toContain('第 3 行 A 列「编号」：编号“A”与第 2 行重复');
    expect(rows.stderr).toContain('第 3 行 G 列「位置」：位置“north”应写成“纬度,经度”');
  });

  it('names DATABASE_URL when the file cannot be made there, without a stack trace', async () => {
    const run = cli('/etc/hostname/duban.sqlite', 'migrate');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/配置项 DATABASE_URL 有误：\/etc\/hostname\/duban.sqlite \(E[A-Z]+\)/);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('sends no digest and keeps the cycle open when LEADERSHIP_CHAT_ID is not set, and says so', async () => {
    const db = await fresh();
    cli(db, 'import', fixture('five-tasks.csv'));
    expect(cli(db, 'prompt').status).toBe(0);
    const run = cli(db, 'digest');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('未设置 LEADERSHIP_CHAT_ID');
    expect(run.stderr).toContain('周报没有生成、没有发送，本周期仍开着');
    expect(run.stdout).not.toContain('已排队');
    expect((await query<{ closed: string | null }>(db, 'select closed_at as closed from cycles'))).toEqual([{ closed: null }]);
  });

  it('refuses a CSV that is not UTF-8 with a hint, and an unknown file type', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-gbk-')), 'gbk.csv');
    writeFileSync(file, Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xca, 0xc2, 0xcf, 0xee, 0x0a]));
    const gbk = cli(await fresh(), 'import', file);
    expect(gbk.status).toBe(1);
    expect(gbk.stderr).toContain('文件不是 UTF-8 编码');
    const txt = cli(await fresh(), 'import', fixture('five-tasks.csv').replace('.csv', '.txt'));
    expect(txt.status).toBe(1);
    expect(txt.stderr).toContain('不支持的文件类型');
  });

  it('gives five owners (two named 张伟) and two leaders seven people and seven invites, the same codes every time', async () => {
    const db = await fresh();
    cli(db, 'import', fixture('five-tasks.csv'));
    expect((await count(db, 'people'))).toBe(7);
    const first = JSON.parse(cli(db, 'invites', '--json').stdout) as { name: string; unit: string; role: string; code: string }[];
    expect(first).toHaveLength(7);
    expect(first.filter((entry) => entry.role === 'owner')).toHaveLength(5);
    expect(first.filter((entry) => entry.role === 'leader')).toHaveLength(2);
    expect(first.filter((entry) => entry.name === '张伟').map((entry) => entry.unit).sort()).toEqual(['Civil Affairs Bureau', 'Ojiang Street']);
    for (const entry of first) expect(entry.code).toMatch(/^[0-9A-Z]{10}$/);
    expect(new Set(first.map((entry) => entry.code)).size).toBe(7);
    const again = JSON.parse(cli(db, 'invites', '--json').stdout) as { code: string }[];
    expect(again.map((entry) => entry.code)).toEqual(first.map((entry) => entry.code));

    // Only their hashes are kept: not in any row, nor (on SQLite) anywhere in the file's pages.
    const stored = (await dump(db)) + (onPostgres ? '' : readFileSync(db).toString('latin1') + readFileSync(`${db}-wal`, { flag: 'a+' }).toString('latin1'));
    for (const entry of first) expect(stored.includes(entry.code)).toBe(false);
  });

  it('exports to .xlsx and .csv by the extension', async () => {
    const db = await fresh();
    cli(db, 'import', fixture('district-table.csv'));
    const dir = mkdtempSync(join(tmpdir(), 'duban-out-'));
    expect(cli(db, 'export', join(dir, 'a.xlsx')).stdout).toContain('已导出 6 项事项');
    expect(readFileSync(join(dir, 'a.xlsx')).subarray(0, 2).toString()).toBe('PK');
    cli(db, 'export', join(dir, 'a.csv'));
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF序号,编号,事项,责任单位,责任人,分管领导,完成时限')).toBe(true);
    expect(csv).toContain('状态,进度,最近报送');
  });
});

describe('npm run cli into a pipe that closes early', () => {
  it('ends `invites | head` quietly: no stack trace, exit 0', { timeout: 60_000 }, async () => {
    const db = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'duban-many-'));
    // Enough people that the listing outgrows the pipe's buffer (64 KB) before `head` closes it.
    const rows = ['编号,事项,责任单位,责任人,分管领导,完成时限'];
    for (let i = 0; i < 1200; i += 1) rows.push(`P-${i},第${i}项任务的标题写得长一些以便超过缓冲区,单位${i % 40},人员${i},领导${i % 5},2026-12-31`);
    writeFileSync(join(dir, 'many.csv'), rows.join('\n'));
    expect(cli(db, 'import', join(dir, 'many.csv')).status).toBe(0);
    const run = spawnSync('sh', ['-c', `{ "${resolve('node_modules/.bin/tsx')}" "${resolve('src/cli.ts')}" invites; echo "cli exit $?" >&2; } | head -n 2`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DATABASE_URL: db, BOT_TOKEN: TOKEN, LOCALE: 'zh-CN', TIMEZONE: 'Asia/Shanghai' },
    });
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(run.stderr.trim()).toBe('cli exit 0');
  });
});
