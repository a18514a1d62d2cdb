import type { Selectable } from 'kysely';
import { connectionOf, type Connection, type Db } from '../db/database.ts';
import type { CycleTable } from '../db/schema.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';

export type Cycle = Selectable<CycleTable>;

/** The cycle row of a week, created (not yet opened) if new. */
export async function cycleOfWeek(db: Db, week: CycleWeek): Promise<Cycle> {
  await db
    .insertInto('cycles')
    .values({ week: week.week, startsAt: week.startsAt.toISOString(), endsAt: week.endsAt.toISOString(), openedAt: null, closedAt: null })
    .onConflict((oc) => oc.column('week').doNothing())
    .execute();
  return db.selectFrom('cycles').selectAll().where('week', '=', week.week).executeTakeFirstOrThrow();
}

/** Opens the week's cycle (the prompt step does): answers from now on count for it. */
export async function openCycle(db: Db, week: CycleWeek, now: Date): Promise<Cycle> {
  const cycle = await cycleOfWeek(db, week);
  if (cycle.openedAt !== null) return cycle;
  await db.updateTable('cycles').set({ openedAt: now.toISOString() }).where('id', '=', cycle.id).execute();
  return { ...cycle, openedAt: now.toISOString() };
}

export async function closeCycle(db: Db, cycleId: number, now: Date): Promise<void> {
  await db.updateTable('cycles').set({ closedAt: now.toISOString() }).where('id', '=', cycleId).where('closedAt', 'is', null).execute();
}

/** The latest opened cycle: it takes answers (late ones once closed) until the next one opens. */
export async function latestOpenedCycle(db: Db): Promise<Cycle | undefined> {
  return db.selectFrom('cycles').selectAll().where('openedAt', 'is not', null).orderBy('startsAt', 'desc').limit(1).executeTakeFirst();
}

const CYCLE_COLUMNS = 'id, week, starts_at as startsAt, ends_at as endsAt, opened_at as openedAt, closed_at as closedAt';

/**
 * The cycle an answer given now counts for: the latest opened, or, before any, this week's
 * (created if new). Synchronous, by prepared statements, so that it runs inside a batched write.
 */
export function answeringCycleNow(connection: Connection, currentWeek: CycleWeek): Cycle {
  const latest = connection.prepare(`select ${CYCLE_COLUMNS} from cycles where opened_at is not null order by starts_at desc limit 1`).get() as Cycle | undefined;
  if (latest) return latest;
  connection
    .prepare('insert into cycles (week, starts_at, ends_at) values (?, ?, ?) on conflict (week) do nothing')
    .run(currentWeek.week, currentWeek.startsAt.toISOString(), currentWeek.endsAt.toISOString());
  return connection.prepare(`select ${CYCLE_COLUMNS} from cycles where week = ?`).get(currentWeek.week) as Cycle;
}

/** `answeringCycleNow`, on its own. */
export async function answeringCycle(db: Db, currentWeek: CycleWeek): Promise<Cycle> {
  const connection = connectionOf(db);
  return connection.writes(() => answeringCycleNow(connection, currentWeek));
}

/** Opened cycles, newest first, starting with the given one: the history a task's silence is counted over. */
export async function cyclesUpTo(db: Db, cycle: Cycle, count: number): Promise<Cycle[]> {
  return db.selectFrom('cycles').selectAll().where('openedAt', 'is not', null).where('startsAt', '<=', cycle.startsAt).orderBy('startsAt', 'desc').limit(count).execute();
}
