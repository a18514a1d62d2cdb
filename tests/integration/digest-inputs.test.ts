import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import { digestInputsVersion } from '../../src/store/digest-snapshots.ts';
import { markMilestoneDone, milestonesOfTask, undoMilestoneMark } from '../../src/store/milestones.ts';
import { freshDatabase, importFixture } from '../support/duban.ts';

/**
 * The digest is built outside its transaction and queued only if what it read is unchanged: a
 * milestone marked or undone meanwhile must count as a change, or the digest would go out with
 * the old light.
 */
describe('what the digest reads', () => {
  it('changes when a milestone is marked done or the mark is undone, and not otherwise', async () => {
    const { db } = await freshDatabase();
    await importFixture(db, 'tests/fixtures/milestone-task.csv', new Date('2025-06-01T02:00:00Z'));
    const task = await db.selectFrom('tasks').select('id').where('code', '=', 'M-1').executeTakeFirstOrThrow();
    const [milestone] = await milestonesOfTask(db, task.id);
    const by = { personId: null, name: '督考办' };
    const now = new Date('2025-06-16T02:00:00Z');

    const before = await digestInputsVersion(db);
    expect(await digestInputsVersion(db)).toBe(before);
    expect(await markMilestoneDone(db, { milestone: milestone!, by, today: '2025-06-16' as CalendarDate, now, evidence: [] })).toEqual(expect.any(Number));
    const marked = await digestInputsVersion(db);
    expect(marked).not.toBe(before);
    // Marking it again writes nothing and changes nothing.
    expect(await markMilestoneDone(db, { milestone: milestone!, by, today: '2025-06-16' as CalendarDate, now, evidence: [] })).toBe(false);
    expect(await digestInputsVersion(db)).toBe(marked);
    expect(await undoMilestoneMark(db, { milestone: milestone!, by, reason: '误标', now })).toBe(true);
    expect(await digestInputsVersion(db)).not.toBe(marked);
    await db.destroy();
  });
});
