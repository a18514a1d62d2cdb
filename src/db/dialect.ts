import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';

/**
 * What SQLite and PostgreSQL do differently, as the code above `db/` needs it: a few SQL
 * expressions, how a unit of work begins, which failures a transaction may simply run again,
 * the outbox's lock, and the fast way to run a hot query. Everything else is kysely's builder.
 *
 * @example const { rows } = dialectOf(db); const found = await rows(db, sql<{ id: number }>`select id from tasks where id = ${1}`)
 */
export interface DatabaseDialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * The rows of a query written with `sql`, columns named as the query names them (quote a
   * camelCase alias: `owner_id as "ownerId"`), past kysely's plugins: for what runs for every
   * update or every task. On SQLite a statement prepared once per connection.
   */
  rows<Row>(db: Kysely<any>, query: RawBuilder<Row>): Promise<Row[]>;
  /** The first row of such a query, or undefined: on SQLite read as one row, not as a list of them. */
  row<Row>(db: Kysely<any>, query: RawBuilder<Row>): Promise<Row | undefined>;
  /**
   * Runs an insert written with `sql` (no `returning`): the `key` of the row it wrote, or undefined
   * when it wrote none (`on conflict do nothing`). On SQLite the statement's own rowid and count,
   * with no `returning`: a few microseconds less on what every answer writes.
   */
  insertedId(db: Kysely<any>, insert: RawBuilder<unknown>, key?: string): Promise<number | undefined>;
  /** Runs a statement with no rows and no parameters (`savepoint unit`). */
  execute(db: Kysely<any>, statement: string): Promise<void>;
  /** How a unit of work begins: on SQLite holding the write lock from its first statement. */
  readonly beginUnitOfWork: string;
  /** A transaction that failed so may run again from the start and succeed. */
  mayRetry(error: unknown): boolean;
  /** Days since 1970-01-01 of a `YYYY-MM-DD` (or ISO instant) text; null stays null. */
  dayNumber(text: RawBuilder<unknown>): RawBuilder<number | null>;
  /** Seconds since 1970 of an ISO instant written as text. */
  epochSeconds(text: RawBuilder<unknown>): RawBuilder<number>;
  /** 1 where the condition holds, else 0: the same value on both (PostgreSQL has booleans). */
  oneIf(condition: RawBuilder<unknown>): RawBuilder<0 | 1>;
  /**
   * The rows of `from` as one JSON text, each row an array of `columns`: one parse makes the
   * values of a hundred thousand rows faster than any driver does row by row.
   */
  jsonArrays(columns: RawBuilder<unknown>, from: RawBuilder<unknown>): RawBuilder<{ json: string }>;
  /** The text before the first `separator`, or all of it. */
  textBefore(text: RawBuilder<unknown>, separator: string): RawBuilder<string>;
  /** A task code as users type it: in any case (SQLite's column folds case; PostgreSQL has an index on lower(code)). */
  sameCode(column: RawBuilder<unknown>, code: string): RawBuilder<SqlBool>;
  /** Locks the selected rows for the transaction, skipping rows another transaction holds (SQLite has one writer: nothing to skip). */
  skipLocked<QB extends SelectQueryBuilder<any, any, any>>(query: QB): QB;
}

/** Carries the dialect with the kysely instance and into its transactions; changes nothing. */
export class DialectCarrier implements KyselyPlugin {
  constructor(readonly dialect: DatabaseDialect) {}
  transformQuery = (args: PluginTransformQueryArgs) => args.node;
  transformResult = async (args: PluginTransformResultArgs) => args.result;
}

/** The dialect of a database opened by `openDatabase`, also inside its transactions. */
export function dialectOf(db: Kysely<any>): DatabaseDialect {
  const carrier = db.getExecutor().plugins.find((plugin) => plugin instanceof DialectCarrier);
  if (!carrier) throw new Error('dialectOf: not a database opened by openDatabase');
  return carrier.dialect;
}

/** The first row of a hot query written with `sql` (`dialectOf(db).row`). */
export function firstRow<Row>(db: Kysely<any>, query: RawBuilder<Row>): Promise<Row | undefined> {
  return dialectOf(db).row(db, query);
}

