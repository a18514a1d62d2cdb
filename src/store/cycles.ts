import type { Selectable } from 'kysely';
import { connectionOf, type Connection, type Db } from '../db/database.ts';
import type { CycleTable } from '../db/schema.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';

export type Cycle = Selectable<CycleTable>;

const CYCLE_COLUMNS = 'id, week, starts_at as startsAt, ends_at as endsAt, opened_at as openedAt, closed_at as closedAt';

// Cycles are read and created by prepared statements: every answer asks for its cycle.

/** The cycle row of a week, created (not yet opened) if new. */
function cycleOfWeekNow(connection: Connection, week: CycleWeek): Cycle {
  connection
    .prepare('insert into cycles (week, starts_at, ends_at) values (?, ?, ?) on conflict (week) do nothing')
    .run(week.week, week.startsAt.toISOString(), week.endsAt.toISOString());
  return connection.prepare(`select ${CYCLE_COLUMNS} from cycles where week = ?`).get(week.week) as Cycle;
}

function latestOpenedCycleNow(connection: Connection): Cycle | undefined {
  return connection.prepare(`select ${CYCLE_COLUMNS} from cycles where opened_at is not null order by starts_at desc limit 1`).get() as Cycle | undefined;
}

/** Opens the week's cycle (the prompt step does): answers from now on count for it. */
export async function openCycle(db: Db, week: CycleWeek, now: Date): Promise<Cycle> {
  const cycle = cycleOfWeekNow(connectionOf(db), week);
  if (cycle.openedAt !== null) return cycle;
  await db.updateTable('cycles').set({ openedAt: now.toISOString() }).where('id', '=', cycle.id).execute();
  return { ...cycle, openedAt: now.toISOString() };
}

export async function closeCycle(db: Db, cycleId: number, now: Date): Promise<void> {
  await db.updateTable('cycles').set({ closedAt: now.toISOString() }).where('id', '=', cycleId).where('closedAt', 'is', null).execute();
}

/** The latest opened cycle: it takes answers (late ones once closed) until the next one opens. */
export async function latestOpenedCycle(db: Db): Promise<Cycle | undefined> {
  return latestOpenedCycleNow(connectionOf(db));
}

/**
 * The cycle an answer given now counts for: the latest opened, or, before any, this week's
 * (created if new).
 */
function answeringCycleNow(connection: Connection, currentWeek: CycleWeek): Cycle {
  return latestOpenedCycleNow(connection) ?? cycleOfWeekNow(connection, currentWeek);
}

/** `answeringCycleNow`, in the caller's transaction (it may create this week's row). */
export async function answeringCycle(db: Db, currentWeek: CycleWeek): Promise<Cycle> {
  return answeringCycleNow(connectionOf(db), currentWeek);
}

/** Opened cycles, newest first, starting with the given one: the history a task's silence is counted over. */
export async function cyclesUpTo(db: Db, cycle: Cycle, count: number): Promise<Cycle[]> {
  return db.selectFrom('cycles').selectAll().where('openedAt', 'is not', null).where('startsAt', '<=', cycle.startsAt).orderBy('startsAt', 'desc').limit(count).execute();
}
