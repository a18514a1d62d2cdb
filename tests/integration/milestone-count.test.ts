import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { answeringCycle } from '../../src/store/cycles.ts';
import { digestTasks } from '../../src/store/weekly.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';

/** A task's expected progress is the share of its milestones due by now: the digest must know how many it has. */
describe("a task's milestone count", () => {
  it('follows the table as it is imported again with fewer or more milestones', async () => {
    const { db } = await freshDatabase();
    const now = new Date('2025-06-02T00:00:00Z');
    await importFixture(db, 'tests/fixtures/district-table.csv', now);
    const cycle = await answeringCycle(db, cycleWeekOf(now, 'Asia/Shanghai'));
    const counts = async () => new Map(Array.from(await digestTasks(db, cycle, '2025-06-09' as CalendarDate), (task) => [task.code, task.facts.milestoneCount]));
    const stored = async () => new Map((await db.selectFrom('tasks').leftJoin('milestones', 'milestones.taskId', 'tasks.id').select((eb) => ['tasks.code', eb.fn.count<number>('milestones.id').as('n')]).groupBy('tasks.id').execute()).map((row) => [row.code, Number(row.n)]));

    expect((await counts()).get('ZX-01')).toBe(3);
    expect((await counts()).get('ZX-02')).toBe(2);
    expect(await counts()).toEqual(await stored());

    // ZX-01 down from three milestones to one, ZX-02 up from two to three.
    const table = readFileSync('tests/fixtures/district-table.csv', 'utf8')
      .replace(/"2025-03-31 完成入户调查\r?\n2025-06-30 启动首批12个；2025-09-30 完成签约120户"/, '2025-09-30 完成签约120户')
      .replace(/^(ZX-02,(?:[^,]*,){6})[^,]*,/m, '$1"2025-07-31 方案获批；2025-10-31 开工；2025-12-15 完工",');
    const changed = join(mkdtempSync(join(tmpdir(), 'duban-milestones-')), 'table.csv');
    writeFileSync(changed, table);
    await importFixture(db, changed, now);
    expect((await counts()).get('ZX-01')).toBe(1);
    expect((await counts()).get('ZX-02')).toBe(3);
    expect(await counts()).toEqual(await stored());
    await db.destroy();
  });
});
