import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/demo/emulator.ts';
import { cli, count } from '../support/cli-process.ts';
import { freshDatabase, startDuban, testConfig } from '../support/duban.ts';

const file = (name: string, lines: string[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'duban-calendar-')), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

/**
 * The working calendar an admin keeps (issue 19): `calendar import` and `calendar show` as real
 * processes on a real database, and a year without holidays said at start and by /healthz.
 */
describe('the working calendar', () => {
  it('refuses a bad file whole, naming each line, and imports a good one over the built-in days', async () => {
    const { db, path } = await freshDatabase();
    try {
      const bad = cli(path, 'calendar', 'import', file('bad.csv', ['2027-01-01,休,元旦', '2027-02-30,休', '2027-01-01,班', '2027-02-03,请假']));
      expect(bad.status).toBe(1);
      expect(bad.stderr.trim().split('\n')).toEqual([
        '日历未导入，数据库没有任何改动：',
        '第 2 行：日期“2027-02-30”无法识别，请写作 2027-02-06',
        '第 3 行：2027-01-01 已在第 1 行写过',
        '第 4 行：“请假”应为 休 或 班',
      ]);
      expect(await count(path, 'calendar_days')).toBe(0);
      expect(cli(path, 'calendar', 'show', '2027').stdout).toContain('⚠️ 没有 2027 年的法定节假日数据');

      const good = cli(path, 'calendar', 'import', file('2027.csv', ['日期,类型,名称', '2027-01-01,休,元旦', '2027-02-06,放假,春节', '2027-02-14,班,春节', '2026-10-09,休,区内调休']));
      expect(good.stderr).toBe('');
      expect(good.stdout).toContain('已导入 4 天：休 3 天、班 1 天（2026、2027 年）');
      const shown = cli(path, 'calendar', 'show', '2027').stdout;
      expect(shown).toContain('2027-02-14（周日）班 春节（导入）');
      expect(shown).not.toContain('⚠️');
      // An imported day wins over the built-in one; the built-in ones stay beside it.
      const year2026 = cli(path, 'calendar', 'show', '2026').stdout;
      expect(year2026).toContain('2026-10-09（周五）休 区内调休（导入）');
      expect(year2026).toContain('2026-10-10（周六）班 国庆节');
      expect(cli(path, 'calendar', 'delete').status).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('says at start and in /healthz which coming year has no holidays, until one is imported', async () => {
    const emulator = await startEmulator();
    const { db, path } = await freshDatabase();
    try {
      const december = () => new Date('2026-12-02T02:00:00Z');
      let { app, logs } = await startDuban(testConfig(path, emulator.apiRoot), { now: december });
      expect(((await (await fetch(`http://127.0.0.1:${app.http.port}/healthz`)).json()) as { calendar: unknown }).calendar).toEqual({ holidays: 'cn', missingYears: [2027] });
      expect(logs.some((line) => line.includes('"level":40') && line.includes('没有 2027 年的法定节假日数据'))).toBe(true);
      await app.stop();
      expect(cli(path, 'calendar', 'import', file('2027.csv', ['2027-01-01,休,元旦'])).status).toBe(0);
      ({ app, logs } = await startDuban(testConfig(path, emulator.apiRoot), { now: december }));
      expect(((await (await fetch(`http://127.0.0.1:${app.http.port}/healthz`)).json()) as { calendar: unknown }).calendar).toEqual({ holidays: 'cn', missingYears: [] });
      expect(logs.some((line) => line.includes('法定节假日数据'))).toBe(false);
      await app.stop();
      ({ app } = await startDuban(testConfig(path, emulator.apiRoot, { HOLIDAYS: 'none' }), { now: () => new Date('2027-12-30T02:00:00Z') }));
      expect(((await (await fetch(`http://127.0.0.1:${app.http.port}/healthz`)).json()) as { calendar: unknown }).calendar).toEqual({ holidays: 'none', missingYears: [] });
      await app.stop();
    } finally {
      await db.destroy();
      await emulator.stop();
    }
  });
});
