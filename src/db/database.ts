import { sql, type Kysely } from 'kysely';
import { isPostgresUrl } from './database-url.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite.ts';
import { UnusableDatabase } from './unusable-database.ts';

export type Db = Kysely<Database>;
export { UnusableDatabase };

/**
 * Opens the database DATABASE_URL names: a `postgres://` URL is PostgreSQL (a city's or a
 * province's, shared by several processes), anything else a SQLite file (a district's).
 *
 * @example const db = openDatabase('data/duban.sqlite')
 */
export function openDatabase(url: string): Db {
  return isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
}

/** The URL without its password, for a message about it. */
export function shownDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * `openDatabase`, and for PostgreSQL a first round trip, so that a server that does not answer or
 * a database that does not exist stops start-up as an `UnusableDatabase` naming the setting.
 */
export async function openReachableDatabase(url: string): Promise<Db> {
  const db = openDatabase(url);
  if (!isPostgresUrl(url)) return db;
  try {
    await sql`select 1`.execute(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const { code, message } = error as { code?: string; message: string };
    throw new UnusableDatabase(shownDatabaseUrl(url), code ? `${code} ${message}` : message);
  }
}
