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
  let queue: Pending[] = [];
  const flush = () => {
    if (sqlite.inTransaction) return void setImmediate(flush);
    const batch = queue;
    queue = [];
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      sqlite.transaction(() => {
        for (const { work } of batch) {
          try {
            results.push({ ok: true, value: sqlite.transaction(work)() });
          } catch (error) {
            results.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
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
