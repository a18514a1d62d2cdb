import SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

const ATTEMPTS = 5;

/**
 * Runs `work` in a transaction, and again, from the start, if another connection wrote after it
 * had begun reading (SQLITE_BUSY_SNAPSHOT: in WAL mode such a transaction can never write, and the
 * busy timeout does not apply). The bot and the admin command line each write while the other
 * reads, so every read-then-write transaction goes through here. `work` must touch nothing but
 * the database: it may run more than once.
 *
 * @example const cycle = await inTransaction(db, (trx) => openCycle(trx, week, now))
 */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof SQLite.SqliteError && error.code === 'SQLITE_BUSY_SNAPSHOT')) throw error;
    }
  }
}
