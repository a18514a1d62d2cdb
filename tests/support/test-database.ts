import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';

/**
 * The PostgreSQL server the suite runs against when `TEST_DATABASE_URL` names one
 * (`npm test` sets it for its second run): each test then has a database of its own on it.
 * Without it, each test has a SQLite file of its own.
 */
export const testServer = process.env.TEST_DATABASE_URL || undefined;
export const onPostgres = testServer !== undefined;

/**
 * The prefix of every database this run's tests create, so that its teardown finds them all and
 * no other run's (the global setup names the run before any test starts).
 */
export const TEST_DATABASE_PREFIX = `duban_t_${process.env.TEST_DATABASE_RUN ?? 'x'}_`;

/** Where a fresh, empty database is: a new SQLite file, or a new database on the test server. */
export async function freshDatabaseUrl(): Promise<string> {
  if (!testServer) return join(mkdtempSync(join(tmpdir(), 'duban-')), 'duban.sqlite');
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServer });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServer);
  url.pathname = `/${name}`;
  return url.href;
}

/** Drops every database this run's tests created on the test server. */
export async function dropTestDatabases(server: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Rows of a query written with `?` placeholders, on either database, as the test sees it from outside. */
export async function query<Row>(url: string, text: string, ...params: unknown[]): Promise<Row[]> {
  const db = openDatabase(url);
  try {
    let n = 0;
    const source = url.startsWith('postgres') ? text.replace(/\?/g, () => `$${++n}`) : text;
    return (await db.withoutPlugins().executeQuery<Row>(CompiledQuery.raw(source, params))).rows;
  } finally {
    await db.destroy();
  }
}

export const count = async (url: string, table: string) => Number((await query<{ n: number }>(url, `select count(*) as n from ${table}`))[0]!.n);

/** Every table's rows: two dumps are equal when nothing was written. */
export async function dump(url: string): Promise<string> {
  const tables = url.startsWith('postgres')
    ? await query<{ name: string }>(url, "select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name")
    : await query<{ name: string }>(url, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name");
  const dumped: unknown[] = [];
  for (const { name } of tables) dumped.push([name, await query(url, `select * from "${name}" order by 1`)]);
  return JSON.stringify(dumped);
}
