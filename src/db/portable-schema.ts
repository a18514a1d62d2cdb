import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

/**
 * What a migration writes differently on SQLite and PostgreSQL, in one place, so that one set of
 * migrations builds both: generated ids, Telegram's ids (a supergroup's -1001234567890 overflows
 * PostgreSQL's 32-bit integer; SQLite's integer is 64-bit already), bytes, and the instant a row
 * is written. On SQLite each is what the migrations always wrote, so that a database built now is
 * the one built before.
 *
 * @example const p = portableSchema(db); db.schema.createTable('x').addColumn('id', 'integer', p.id).addColumn('chat_id', p.telegramId)
 */
export interface PortableSchema {
  postgres: boolean;
  /** An id the database generates: `autoincrement` on SQLite, an identity on PostgreSQL. */
  id: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  telegramId: 'integer' | 'bigint';
  bytes: 'blob' | 'bytea';
  /** A coordinate: PostgreSQL's `real` keeps six digits, too few for a location. */
  real: 'real' | 'double precision';
  /** The current instant as the text the code writes (`2025-06-30T01:00:00.000Z`), for a column default. */
  now: RawBuilder<unknown>;
}

export function portableSchema(db: Kysely<any>): PortableSchema {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return postgres
    ? {
        postgres,
        id: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
        telegramId: 'bigint',
        bytes: 'bytea',
        real: 'double precision',
        now: sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
      }
    : {
        postgres,
        id: (column) => column.primaryKey().autoIncrement(),
        telegramId: 'integer',
        bytes: 'blob',
        real: 'real',
        now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      };
}
