import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import type { Database } from './schema.ts';
import { cachingStatements } from './statement-cache.ts';

export type Db = Kysely<Database>;

/** The connection under a `Db`, for the few hot paths that run prepared statements directly. */
export interface Connection {
  /** Prepares a statement once per connection; later calls return the same statement. */
  prepare: SQLite.Database['prepare'];
}

/** Carries the connection with the kysely instance and into its transactions; changes nothing. */
class ConnectionCarrier implements KyselyPlugin {
  constructor(readonly connection: Connection) {}
  transformQuery = (args: PluginTransformQueryArgs) => args.node;
  transformResult = async (args: PluginTransformResultArgs) => args.result;
}

/**
 * The connection a database opened by `openDatabase` runs on, also inside a transaction (a
 * prepared statement then runs in that transaction). Write through it only inside a transaction
 * or unit of work: outside one, a statement would slip into whatever transaction holds the connection.
 */
export function connectionOf(db: Db): Connection {
  const carrier = db.getExecutor().plugins.find((plugin) => plugin instanceof ConnectionCarrier);
  if (!carrier) throw new Error('connectionOf: not a database opened by openDatabase');
  return carrier.connection;
}

/** DATABASE_URL names a file that cannot be created, opened or written: said by the entry points, naming the setting. */
export class UnusableDatabase extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot open the database ${path}: ${reason}`);
    this.name = 'UnusableDatabase';
  }
}

/**
 * Opens the SQLite file (creating its folder), in WAL mode with foreign keys enforced and a busy
 * timeout, so that the bot and the admin command line can share it.
 *
 * @example const db = openDatabase('data/duban.sqlite')
 */
export function openDatabase(path: string): Db {
  let sqlite: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw new UnusableDatabase(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Reads dominate (the digest walks every task's latest answer): a 64 MB page cache instead of
  // the default 2 MB keeps a large table's indexes in memory between reads.
  sqlite.pragma('cache_size = -65536');
  const cached = cachingStatements(sqlite);
  const connection: Connection = { prepare: (source: string) => cached.prepare(source) };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }), plugins: [new CamelCasePlugin(), new ConnectionCarrier(connection)] });
}
