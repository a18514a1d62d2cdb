import type { Db } from './database.ts';
import { dialectOf } from './dialect.ts';

/**
 * The database inside one unit of work: what is done through it commits together or not at all.
 * Flows take one, so that the caller decides what else belongs to the same commit (the bot puts
 * the claim of the update there: a process killed at any instant has done all of an update or none).
 */
export type Tx = Db & { readonly __unitOfWork: true };

interface Unit {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Units that arrive while a commit is being prepared join it, up to this many. */
const MOST_IN_ONE_COMMIT = 200;
/** How long a batch runs before it lets the event loop turn. */
const YIELD_AFTER_MS = 3;

const queues = new WeakMap<Db, Unit[]>();

/**
 * Runs `work` as one unit of work: all of it or none. Units that arrive together (a batch of
 * updates, a burst of webhook calls) share one transaction, each in a savepoint of its own, and
 * one commit: SQLite writes the pages they touch once, not once each. A unit that throws is undone
 * alone and its caller sees the error; no caller hears of success before the commit. On SQLite
 * the transaction holds the write lock from its first statement (`begin immediate`), so it never
 * has to start over because another connection wrote under it. Never nest: inside, pass the `Tx` on.
 *
 * @example const outcome = await inUnitOfWork(db, (tx) => linkAccount(deps, tx, input))
 */
export function inUnitOfWork<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    const starting = !queue;
    if (!queue) queues.set(db, (queue = []));
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // Begun on the next turn of the event loop, so that the units arriving in this one join it.
    if (starting) setImmediate(() => void commitTogether(db, queue));
  });
}

async function commitTogether(db: Db, queue: Unit[]): Promise<void> {
  const settled: { unit: Unit; ok: boolean; value: unknown }[] = [];
  try {
    await db.connection().execute(async (connection) => {
      const tx = connection as Tx;
      // On SQLite prepared statements on the connection kysely holds for us: every unit pays for two.
      const dialect = dialectOf(tx);
      const run = (statement: string) => dialect.execute(tx, statement);
      await run(dialect.beginUnitOfWork);
      let ranSince = performance.now();
      try {
        while (queue.length > 0 && settled.length < MOST_IN_ONE_COMMIT) {
          // SQLite answers synchronously: without a turn of the event loop every few
          // milliseconds, a batch would hold everything else (Telegram's answers to the sender).
          if (performance.now() - ranSince > YIELD_AFTER_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            ranSince = performance.now();
          }
          const unit = queue.shift()!;
          await run('savepoint unit');
          try {
            settled.push({ unit, ok: true, value: await unit.work(tx) });
            await run('release unit');
          } catch (error) {
            await run('rollback to unit');
            await run('release unit');
            settled.push({ unit, ok: false, value: error });
          }
        }
        await run('commit');
      } catch (error) {
        try {
          await run('rollback');
        } catch {
          // Nothing was begun, or SQLite rolled back already.
        }
        throw error;
      }
    });
  } catch (error) {
    for (const { unit } of settled) unit.reject(error);
    settled.length = 0;
  } finally {
    // Whatever arrived after this commit was closed starts the next one.
    if (queue.length > 0) setImmediate(() => void commitTogether(db, queue));
    else queues.delete(db);
  }
  for (const { unit, ok, value } of settled) (ok ? unit.resolve : unit.reject)(value);
}
