import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import { dialectOf } from './dialect.ts';
import type { Database } from './schema.ts';

const ATTEMPTS = 5;

/**
 * Runs `work` in a transaction, and again, from the start, if the database undid it for a
 * conflict with another connection (SQLite: another wrote after it had begun reading; PostgreSQL:
 * a deadlock or serialization failure). The bot, other bot processes and the admin command line
 * write while the others read, so every read-then-write transaction goes through here. `work` must touch nothing but
 * the database: it may run more than once.
 *
 * @example const cycle = await inTransaction(db, (trx) => openCycle(trx, week, now))
 */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !dialectOf(db).mayRetry(error)) throw error;
    }
  }
}
