import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * What /metrics counts in the database: the outbox by status and kind (a dedupe key's first word),
 * answers recorded, and steps run. Read at each scrape, so that several processes report alike.
 */
export async function operatorCounts(db: Db) {
  const kind = dialectOf(db).textBefore(sql`dedupe_key`, ':');
  const outbox = await db.selectFrom('outbox').select(['status', kind.as('kind'), (eb) => eb.fn.countAll<number>().as('count')]).groupBy(['status', kind]).execute();
  const answers = await db.selectFrom('checkIns').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const steps = await db.selectFrom('stepRuns').select(['step', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('step').execute();
  return {
    outbox: outbox.map((row) => ({ status: row.status, kind: row.kind, count: Number(row.count) })),
    answers: Number(answers.count),
    steps: steps.map((row) => ({ step: row.step, count: Number(row.count) })),
  };
}
