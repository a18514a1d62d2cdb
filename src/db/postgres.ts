import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type SelectQueryBuilder } from 'kysely';
import { DialectCarrier, type DatabaseDialect } from './dialect.ts';
import type { Database } from './schema.ts';

const INT8 = 20;
const NUMERIC = 1700;
/** Serialization failure and deadlock: PostgreSQL undid the transaction, which may run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Every id and count comes back as a number, as SQLite gives it: Telegram's ids (up to 2^52) and
 * any count duban keeps are far inside what a double holds exactly.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

const postgresDialect: DatabaseDialect = {
  name: 'postgres',
  rows: async (db, query) => (await query.execute(db.withoutPlugins())).rows,
  row: async (db, query) => (await query.execute(db.withoutPlugins())).rows[0],
  insertedId: async (db, insert, key = 'id') => {
    const [row] = (await sql<Record<string, number>>`${insert} returning ${sql.ref(key)}`.execute(db.withoutPlugins())).rows;
    return row?.[key];
  },
  execute: async (db, statement) => void (await sql.raw(statement).execute(db)),
  beginUnitOfWork: 'begin',
  mayRetry: (error) => RETRYABLE.has((error as { code?: string } | null)?.code ?? ''),
  dayNumber: (text) => sql`((${text})::date - date '1970-01-01')`,
  epochSeconds: (text) => sql`extract(epoch from (${text})::timestamptz)::bigint`,
  oneIf: (condition) => sql`(case when ${condition} then 1 else 0 end)`,
  jsonArrays: (columns, from) => sql`select coalesce(json_agg(json_build_array(${columns})), '[]')::text as json from ${from}`,
  textBefore: (text, separator) => sql`split_part(${text}, ${sql.lit(separator)}, 1)`,
  sameCode: (column, code) => sql`lower(${column}) = lower(${code})`,
  skipLocked: <QB extends SelectQueryBuilder<any, any, any>>(query: QB) => query.forUpdate().skipLocked() as QB,
};

/**
 * Opens a pool on the PostgreSQL database the URL names (`postgres://user@host:5432/duban`).
 * Nothing connects until the first query: the entry points' first is the migration.
 */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin(), new DialectCarrier(postgresDialect)] });
}
