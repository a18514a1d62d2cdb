import { describe, expect, it } from 'vitest';
import { latestOpenedCycle } from '../../src/store/cycles.ts';
import { digestTasks } from '../../src/store/weekly.ts';
import { allOf } from '../support/all-of.ts';
import { cycleWeekOf } from '../../src/domain/cycle-week.ts';
import { freshDatabase, seedDistrict } from '../../bench/seed.ts';

/** The week the seed's last cycle is in. */
const WEEK = cycleWeekOf(new Date('2025-12-22T01:00:00Z'), 'Asia/Shanghai');

describe('the tasks a digest reads', () => {
  it('are every task exactly once, with its latest answer, in a table read in several parts', async () => {
    const { db, path } = await freshDatabase();
    // 12,345 tasks: more than two of the parts the digest reads at a time, the last one partial.
    seedDistrict(path, 12_345, 2, new Date('2025-12-22T01:00:00Z'));
    const tasks = (await allOf(digestTasks(db, (await latestOpenedCycle(db))!, WEEK)));
    const ids = tasks.map((task) => task.id).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 12_345 }, (_, i) => i + 1));
    // The seed leaves one task in ten unanswered in the last week: silent one cycle, last answer the week before.
    const silent = tasks.filter((task) => task.facts.silentCycles === 1);
    expect(silent).toHaveLength(Math.ceil(12_345 / 10));
    expect(tasks.every((task) => task.facts.latest !== null)).toBe(true);
    await db.destroy();
  });

  it("say whether prompts reach each task's owner: linked, not linked yet, or blocking the bot", async () => {
    const { db, path } = await freshDatabase();
    seedDistrict(path, 6, 1, new Date('2025-12-22T01:00:00Z'));
    const owners = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select(['tasks.code', 'people.id', 'people.telegramUserId']).orderBy('tasks.id').execute();
    // Owners own two tasks each: the first two tasks' owner stops being linked, the next two's blocks the bot.
    await db.updateTable('people').set({ telegramUserId: null }).where('id', '=', owners[0]!.id).execute();
    await db.insertInto('unreachableChats').values({ chatId: owners[2]!.telegramUserId!, since: '2025-12-22T01:00:00Z', reason: 'blocked' }).execute();
    const tasks = (await allOf(digestTasks(db, (await latestOpenedCycle(db))!, WEEK)));
    const reach = Object.fromEntries(tasks.map((task) => [task.code, task.ownerReach]));
    expect(reach).toEqual(Object.fromEntries(owners.map((owner, i) => [owner.code, i < 2 ? 'unlinked' : i < 4 ? 'unreachable' : 'reachable'])));
    await db.destroy();
  });
});
