import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { freshDatabase } from '../support/duban.ts';

/**
 * The bot and the admin command line share the file: a step that has begun reading must not fail
 * with "database is locked" because the other process wrote (sent a message, say) meanwhile.
 */
describe('two processes writing the same file', () => {
  it('runs a read-then-write step again when the other wrote after it began', async () => {
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
});
