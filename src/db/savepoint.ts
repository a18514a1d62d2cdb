import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Runs `work` inside the caller's transaction and undoes everything it wrote, keeping what it
 * returned: a preview that runs the very writes it describes. Standard SQL savepoints, so the same
 * on SQLite and PostgreSQL; the caller must be in a transaction.
 *
 * @example const wouldDo = await undoneAfter(trx, (trx) => importTasks(trx, rows, context))
 */
export async function undoneAfter<T>(trx: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  await sql`savepoint preview`.execute(trx);
  try {
    return await work(trx);
  } finally {
    await sql`rollback to savepoint preview`.execute(trx);
    await sql`release savepoint preview`.execute(trx);
  }
}
