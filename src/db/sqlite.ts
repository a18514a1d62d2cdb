import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, sql, type RawBuilder } from 'kysely';
import { flatSql } from './flat-sql.ts';
import { LockingSqliteDialect } from './sqlite-migration-lock.ts';
import { DialectCarrier, type DatabaseDialect } from './dialect.ts';
import type { Database } from './schema.ts';
import { cachingStatements } from './statement-cache.ts';
import { UnusableDatabase } from './unusable-database.ts';

function sqliteDialect(connection: SQLite.Database): DatabaseDialect {
  /** The cached prepared statement of a query written with `sql`, and its values. */
  const prepared = (db: Kysely<any>, query: RawBuilder<unknown>) => {
    const { sql: source, parameters } = flatSql(query) ?? query.compile(db.withoutPlugins());
    return { statement: connection.prepare(source), parameters };
  };
  return {
    name: 'sqlite',
    rows: async <Row>(db: Kysely<any>, query: RawBuilder<Row>): Promise<Row[]> => {
      const { statement, parameters } = prepared(db, query);
      if (statement.reader) return statement.all(...parameters) as Row[];
      statement.run(...parameters);
      return [];
    },
    row: async <Row>(db: Kysely<any>, query: RawBuilder<Row>): Promise<Row | undefined> => {
      const { statement, parameters } = prepared(db, query);
      return statement.get(...parameters) as Row | undefined;
    },
    insertedId: async (db, insert) => {
      const { statement, parameters } = prepared(db, insert);
      const { changes, lastInsertRowid } = statement.run(...parameters);
      return changes > 0 ? Number(lastInsertRowid) : undefined;
    },
    execute: async (_db, statement) => void connection.prepare(statement).run(),
    beginUnitOfWork: 'begin immediate',
    // In WAL mode a transaction that read before another connection wrote can never write; the busy timeout does not apply.
    mayRetry: (error) => error instanceof SQLite.SqliteError && error.code === 'SQLITE_BUSY_SNAPSHOT',
    dayNumber: (text) => sql`unixepoch(${text}) / 86400`,
    epochSeconds: (text) => sql`unixepoch(${text})`,
    oneIf: (condition) => sql`(${condition})`,
    jsonArrays: (columns, from) => sql`select json_group_array(json_array(${columns})) as json from ${from}`,
    textBefore: (text, separator) => sql`case when instr(${text}, ${sql.lit(separator)}) > 0 then substr(${text}, 1, instr(${text}, ${sql.lit(separator)}) - 1) else ${text} end`,
    sameCode: (column, code) => sql`${column} = ${code}`,
    skipLocked: (query) => query,
  };
}

/**
 * Opens the SQLite file (creating its folder), in WAL mode with foreign keys enforced and a busy
 * timeout, so that the bot and the admin command line can share it.
 */
export function openSqlite(path: string): Kysely<Database> {
  let connection: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    connection = new SQLite(path);
    connection.pragma('journal_mode = WAL');
  } catch (error) {
    throw new UnusableDatabase(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('synchronous = NORMAL');
  // Reads dominate (the digest walks every task's latest answer): a 64 MB page cache instead of
  // the default 2 MB keeps a large table's indexes in memory between reads.
  connection.pragma('cache_size = -65536');
  const cached = cachingStatements(connection);
  return new Kysely<Database>({ dialect: new LockingSqliteDialect({ database: cached }), plugins: [new CamelCasePlugin(), new DialectCarrier(sqliteDialect(cached))] });
}
