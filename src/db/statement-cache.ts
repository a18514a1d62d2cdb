import type SQLite from 'better-sqlite3';

const CAPACITY = 500;

/**
 * The connection as kysely and the hot paths see it: `prepare` returns a statement prepared
 * before when it can, since preparing costs more than running a short query. A statement still
 * being iterated (a streamed query) is busy, so a second one is prepared beside it.
 *
 * @example new SqliteDialect({ database: cachingStatements(new SQLite(path)) })
 */
export function cachingStatements(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = sqlite.prepare(source);
    if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
    if (!cached) cache.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, { get: (target, key) => (key === 'prepare' ? prepare : Reflect.get(target, key, target)) });
}
