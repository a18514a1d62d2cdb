import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * The database inside one unit of work: what is done through it commits together or not at all.
 * Flows take one, so that the caller decides what else belongs to the same commit (the bot puts
 * the claim of the update there: a process killed at any instant has done all of an update or none).
 */
export type Tx = Db & { readonly __unitOfWork: true };

/**
 * Runs `work` in one transaction that holds the write lock from its first statement (`begin
 * immediate`), so that it never has to start over because another connection wrote under it,
 * and `work` may do more than touch the database. Never nest: inside, pass the `Tx` on.
 *
 * @example const outcome = await inUnitOfWork(db, (tx) => linkAccount(deps, tx, input))
 */
export async function inUnitOfWork<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection as Tx);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
