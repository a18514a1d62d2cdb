import { describe, expect, it } from 'vitest';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { inUnitOfWork } from '../../src/db/unit-of-work.ts';
import { insertCheckIn, taskByCode } from '../../src/store/check-ins.ts';
import { answeringCycle } from '../../src/store/cycles.ts';
import { digestTasks } from '../../src/store/weekly.ts';
import { allOf } from '../support/all-of.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';

const answer = (taskId: number, cycleId: number, personId: number, percent: number, at: string) => ({
  taskId, cycleId, personId, percent, blocked: 0, note: `报告${percent}`, problems: null, nextSteps: null, evidence: '[]', late: 0, reportedAt: new Date(at).toISOString(), via: 'command' as const, sourceChatId: null, sourceMessageId: null,
});

/** The digest reads each task's latest answer through the task's pointer to it; the pointer must follow the rule "latest by time". */
describe("a task's latest answer", () => {
  it('is the one reported last, even when an earlier-dated answer is written after it', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/five-tasks.csv', new Date('2025-06-02T00:00:00Z'));
    const task = (await db.selectFrom('tasks').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    const ref = (await taskByCode(db, task))!;
    const week = cycleWeekOf(new Date('2025-06-10T02:00:00Z'), 'Asia/Shanghai');
    const cycle = await answeringCycle(db, week);
    const record = (percent: number, at: string) => inUnitOfWork(db, (tx) => insertCheckIn(tx, answer(ref.id, cycle.id, ref.ownerId, percent, at)));

    await record(40, '2025-06-10T02:00:00Z');
    expect((await allOf(digestTasks(db, cycle, week))).find((t) => t.code === task)).toMatchObject({ note: '报告40', facts: { latest: { percent: 40 } } });
    await record(60, '2025-06-11T02:00:00Z');
    // A clock set back (a replayed answer, a test) must not make an older answer the latest.
    expect(await record(50, '2025-06-10T12:00:00Z')).toBeGreaterThan(0);
    expect((await allOf(digestTasks(db, cycle, week))).find((t) => t.code === task)).toMatchObject({ note: '报告60', facts: { latest: { percent: 60 } } });
    await db.destroy();
  });
});
