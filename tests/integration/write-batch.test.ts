import { afterEach, describe, expect, it } from 'vitest';
import { connectionOf, type Db } from '../../src/db/database.ts';
import { freshDatabase } from '../support/duban.ts';

/**
 * Answers arriving together are written in one transaction; one that fails must lose nothing of
 * the others, and none may end up inside (and be rolled back with) someone else's transaction.
 */
describe('batched writes', () => {
  let db: Db;
  afterEach(async () => db?.destroy());

  const put = (key: string) => () => connectionOf(db).prepare('insert into meta (key, value) values (?, ?)').run(key, 'x');
  const keys = async () => (await db.selectFrom('meta').select('key').where('key', 'like', 'batch:%').orderBy('key').execute()).map((row) => row.key);

  it('undoes a failing write alone and keeps the others of its batch', async () => {
    db = (await freshDatabase()).db;
    const { writes } = connectionOf(db);
    const results = await Promise.allSettled([
      writes(put('batch:a')),
      writes(() => {
        put('batch:b')();
        throw new Error('half-written');
      }),
      writes(put('batch:c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await keys()).toEqual(['batch:a', 'batch:c']);
  });

  it('waits for an open transaction instead of joining it, so its rollback does not take the write along', async () => {
    db = (await freshDatabase()).db;
    const { writes } = connectionOf(db);
    let written: Promise<unknown> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'batch:rolled-back', value: 'x' }).execute();
        written = writes(put('batch:kept'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('the import failed');
      }),
    ).rejects.toThrow('the import failed');
    await written;
    expect(await keys()).toEqual(['batch:kept']);
  });
});
