import type SQLite from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs short synchronous writes from updates handled at the same time in one transaction, so that
 * a burst of answers pays for one commit instead of one each. Each write runs in a savepoint of
 * its own: one that throws is undone alone and its caller sees the error. A batch waits while a
 * kysely transaction on the same connection is open, so it never becomes part of one.
 *
 * @example const outcome = await writes(() => insert.run(row))
 */
export type WriteBatch = <T>(work: () => T) => Promise<T>;

export function writeBatch(sqlite: SQLite.Database): WriteBatch {
  // Prepared once: better-sqlite3's transaction() builds five wrapper functions per call.
  // Immediate: the writes read, then write, and a deferred transaction that another process wrote
  // under in between could not write at all (SQLITE_BUSY_SNAPSHOT; see inTransaction).
  const [begin, commit, rollback] = ['begin immediate', 'commit', 'rollback'].map((source) => sqlite.prepare(source)) as [SQLite.Statement, SQLite.Statement, SQLite.Statement];
  const [savepoint, release, undo] = ['savepoint write', 'release write', 'rollback to write'].map((source) => sqlite.prepare(source)) as [SQLite.Statement, SQLite.Statement, SQLite.Statement];
  let queue: Pending[] = [];
  const flush = () => {
    if (sqlite.inTransaction) return void setImmediate(flush);
    const batch = queue;
    queue = [];
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      begin.run();
      for (const { work } of batch) {
        savepoint.run();
        try {
          results.push({ ok: true, value: work() });
          release.run();
        } catch (error) {
          undo.run();
          release.run();
          results.push({ ok: false, value: error });
        }
      }
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => (results[i]!.ok ? pending.resolve(results[i]!.value) : pending.reject(results[i]!.value)));
  };
  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
