import { SqliteAdapter, SqliteDialect, type DialectAdapter, type Kysely, type MigrationLockOptions } from 'kysely';

const WAIT_MS = 50;
const GIVE_UP_MS = 120_000;

/**
 * SQLite's adapter with a migration lock: the row kysely keeps in `kysely_migration_lock`, taken by
 * a conditional update and given back after. kysely's own SQLite adapter takes none (one process,
 * one connection), so two processes starting together on one file would both run a migration.
 * Not a transaction around the migrations: one of them (0013) turns foreign keys off, which SQLite
 * ignores inside a transaction.
 */
class MigrationLockingSqliteAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<any>, { lockTable, lockRowId }: MigrationLockOptions): Promise<void> {
    const started = Date.now();
    for (;;) {
      const taken = await db.updateTable(lockTable).set({ is_locked: 1 }).where('id', '=', lockRowId).where('is_locked', '=', 0).executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return;
      if (Date.now() - started > GIVE_UP_MS) throw new Error(`another process has been migrating for ${GIVE_UP_MS / 1000} s, or one died migrating: if none runs, set is_locked = 0 in ${lockTable}`);
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }

  override async releaseMigrationLock(db: Kysely<any>, { lockTable, lockRowId }: MigrationLockOptions): Promise<void> {
    await db.updateTable(lockTable).set({ is_locked: 0 }).where('id', '=', lockRowId).execute();
  }
}

/** kysely's SqliteDialect, migrating under a lock. */
export class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new MigrationLockingSqliteAdapter();
  }
}
