import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { freshDatabase } from '../support/duban.ts';
import { onPostgres } from '../support/test-database.ts';

/**
 * The bot, other bot processes and the admin command line share the database: a step must not
 * fail because another wrote meanwhile; the database undoes it, and it runs again.
 */
describe('two processes writing the same database', () => {
  it.skipIf(onPostgres)('runs a read-then-write step again when the other wrote after it began (SQLite)', async () => {
    const { db, path } = await freshDatabase();
    const bot = openDatabase(path);
    let attempts = 0;
    await inTransaction(db, async (trx) => {
      attempts += 1;
      await trx.selectFrom('meta').selectAll().execute();
      if (attempts === 1) await bot.insertInto('meta').values({ key: 'sent', value: 'by the bot' }).execute();
      await trx.insertInto('meta').values({ key: 'step', value: 'by the command line' }).execute();
    });
    expect(attempts).toBe(2);
    const keys = (await db.selectFrom('meta').select('key').where('key', 'in', ['sent', 'step']).orderBy('key').execute()).map((row) => row.key);
    expect(keys).toEqual(['sent', 'step']);
    await bot.destroy();
    await db.destroy();
  });

  it.runIf(onPostgres)('runs a step again when PostgreSQL undid it for a deadlock with another process (PostgreSQL)', async () => {
    const { db, path } = await freshDatabase();
    const other = openDatabase(path);
    await db.insertInto('meta').values([{ key: 'a', value: '-' }, { key: 'b', value: '-' }]).execute();
    const attempts = { one: 0, two: 0 };
    let firstLocks = 0;
    let bothLocked!: () => void;
    const locked = new Promise<void>((resolve) => (bothLocked = resolve));
    // Each takes one row, waits until the other has taken the other row, then wants it: a deadlock.
    const step = (on: typeof db, name: 'one' | 'two', first: string, second: string) =>
      inTransaction(on, async (trx) => {
        attempts[name] += 1;
        await trx.updateTable('meta').set({ value: name }).where('key', '=', first).execute();
        if (attempts[name] === 1 && ++firstLocks === 2) bothLocked();
        if (attempts[name] === 1) await locked;
        await trx.updateTable('meta').set({ value: name }).where('key', '=', second).execute();
      });
    await Promise.all([step(db, 'one', 'a', 'b'), step(other, 'two', 'b', 'a')]);
    expect(attempts.one + attempts.two).toBe(3);
    const values = (await db.selectFrom('meta').select('value').where('key', 'in', ['a', 'b']).execute()).map((row) => row.value);
    expect(new Set(values).size).toBe(1);
    await other.destroy();
    await db.destroy();
  });
});
