import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { recordAnswer, taskByCode } from '../../src/store/check-ins.ts';
import { answeringCycle } from '../../src/store/cycles.ts';
import { digestTasks } from '../../src/store/weekly.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';

const details = (percent: number) => ({ percent, blocked: false, sameAsBefore: false, note: `报告${percent}`, problems: null, nextSteps: null, evidence: [], via: 'command' as const });

/** The digest reads each task's latest answer through the task's pointer to it; the pointer must follow the rule "latest by time". */
describe("a task's latest answer", () => {
  it('is the one reported last, even when an earlier-dated answer is written after it', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/five-tasks.csv', new Date('2025-06-02T00:00:00Z'));
    const task = (await db.selectFrom('tasks').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    const ref = (await taskByCode(db, task))!;
    const week = cycleWeekOf(new Date('2025-06-10T02:00:00Z'), 'Asia/Shanghai');
    const cycle = await answeringCycle(db, week);
    const ack = () => ({ dedupeKey: `ack:${Math.random()}`, chatId: 1, text: 'ok' });

    await recordAnswer(db, ref.ownerId, ref, details(40), new Date('2025-06-10T02:00:00Z'), week, ack);
    expect([...(await digestTasks(db, cycle, '2025-12-31' as CalendarDate))].find((t) => t.code === task)).toMatchObject({ note: '报告40', facts: { latest: { percent: 40 } } });
    await recordAnswer(db, ref.ownerId, ref, details(60), new Date('2025-06-11T02:00:00Z'), week, ack);
    // A clock set back (a replayed answer, a test) must not make an older answer the latest.
    expect(await recordAnswer(db, ref.ownerId, ref, details(50), new Date('2025-06-10T12:00:00Z'), week, ack)).toMatchObject({ ok: true });
    expect([...(await digestTasks(db, cycle, '2025-12-31' as CalendarDate))].find((t) => t.code === task)).toMatchObject({ note: '报告60', facts: { latest: { percent: 60 } } });
    await db.destroy();
  });
});
