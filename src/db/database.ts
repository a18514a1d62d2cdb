import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { cachingStatements } from './statement-cache.ts';
import { writeBatch, type WriteBatch } from './write-batch.ts';

export type Db = Kysely<Database>;

/** The connection under a `Db`, for the few hot paths that run prepared statements directly. */
export interface Connection {
  /** Prepares a statement once per connection; later calls return the same statement. */
  prepare: SQLite.Database['prepare'];
  writes: WriteBatch;
}

const connections = new WeakMap<Db, Connection>();

/** The connection a database opened by `openDatabase` runs on. */
export function connectionOf(db: Db): Connection {
  const connection = connections.get(db);
  if (!connection) throw new Error('connectionOf: not a database opened by openDatabase (a transaction?)');
  return connection;
}

/**
 * Opens the SQLite file (creating its folder), in WAL mode with foreign keys enforced and a busy
 * timeout, so that the bot and the admin command line can share it.
 *
 * @example const db = openDatabase('data/duban.sqlite')
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Reads dominate (the digest walks every task's latest answer): a 64 MB page cache instead of
  // the default 2 MB keeps a large table's indexes in memory between reads.
  sqlite.pragma('cache_size = -65536');
  const cached = cachingStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }), plugins: [new CamelCasePlugin()] });
  connections.set(db, { prepare: (source: string) => cached.prepare(source), writes: writeBatch(sqlite) });
  return db;
}
