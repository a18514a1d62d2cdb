import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { holdLease } from '../../src/store/leases.ts';
import { claimedMessages, claimMessages, enqueueMessages, takeOverClaims } from '../../src/store/outbox.ts';
import { freshDatabase } from '../support/duban.ts';

const message = (i: number) => ({ dedupeKey: `bulk:${i}`, chatId: 1000 + (i % 50), text: `第${i}条` });

/**
 * The outbox as several senders see it (each a connection of its own, as processes are): a row
 * is taken by one of them only, and a claim whose holder's lease has run out is taken over.
 */
describe('claiming the outbox', () => {
  it('gives each pending row to exactly one of four senders claiming at the same time', { timeout: 60_000 }, async () => {
    const { db, path } = await freshDatabase();
    await enqueueMessages(db, Array.from({ length: 600 }, (_, i) => message(i)), new Date());
    const senders = ['a', 'b', 'c', 'd'].map((holder) => ({ holder, db: openDatabase(path) }));
    const taken = await Promise.all(
      senders.map(async ({ holder, db: own }) => {
        let total = 0;
        for (let round = 0; round < 20; round += 1) {
          const claimed = await claimMessages(own, holder, 40);
          expect(claimed).toBeLessThanOrEqual(40);
          total += claimed;
        }
        return total;
      }),
    );
    expect(taken.reduce((a, b) => a + b, 0)).toBe(600);
    const rows = await db.selectFrom('outbox').select(['id', 'claimedBy']).execute();
    expect(rows.every((row) => row.claimedBy !== null)).toBe(true);
    const held = await Promise.all(senders.map(({ holder }) => claimedMessages(db, holder, 1_000)));
    expect(held.map((rows) => rows.length)).toEqual(taken);
    expect(new Set(held.flat().map((row) => row.id)).size).toBe(600);
    for (const sender of senders) await sender.db.destroy();
    await db.destroy();
  });

  it('takes over a claim only once its holder\'s lease has run out, oldest first', async () => {
    const { db } = await freshDatabase();
    await enqueueMessages(db, Array.from({ length: 10 }, (_, i) => message(i)), new Date());
    const now = new Date('2026-12-02T08:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(await holdLease(db, 'sender', 'dead', now, at(2_000))).toBe(true);
    expect(await claimMessages(db, 'dead', 6)).toBe(6);
    expect(await holdLease(db, 'sender', 'alive', at(1_000), at(16_000))).toBe(false);
    expect(await takeOverClaims(db, 'alive', at(1_000))).toBe(0);
    expect(await holdLease(db, 'sender', 'alive', at(2_001), at(17_000))).toBe(true);
    expect(await takeOverClaims(db, 'alive', at(2_001))).toBe(6);
    expect(await claimMessages(db, 'alive', 10)).toBe(4);
    const ids = (await db.selectFrom('outbox').select('id').orderBy('id').execute()).map((row) => row.id);
    expect((await claimedMessages(db, 'alive', 20)).map((row) => row.id)).toEqual(ids);
    expect(await claimedMessages(db, 'dead', 20)).toEqual([]);
    await db.destroy();
  });
});
