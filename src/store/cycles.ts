import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf, firstRow } from '../db/dialect.ts';
import type { CycleTable } from '../db/schema.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';

export type Cycle = Selectable<CycleTable>;

const CYCLE_COLUMNS = sql.raw('id, week, starts_at as "startsAt", ends_at as "endsAt", opened_at as "openedAt", closed_at as "closedAt"');

// Cycles are read and created by the database's fast path: every answer asks for its cycle.

/** The cycle row of a week, created (not yet opened) if new. */
async function cycleOfWeek(db: Db, week: CycleWeek): Promise<Cycle> {
  await dialectOf(db).rows(db, sql`insert into cycles (week, starts_at, ends_at) values (${week.week}, ${week.startsAt.toISOString()}, ${week.endsAt.toISOString()}) on conflict (week) do nothing`);
  return (await firstRow(db, sql<Cycle>`select ${CYCLE_COLUMNS} from cycles where week = ${week.week}`))!;
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
  return firstRow(db, sql<Cycle>`select ${CYCLE_COLUMNS} from cycles where opened_at is not null order by starts_at desc limit 1`);
}

/** The cycle of a week (`2026-W40`), if it was opened. */
export async function openedCycleOfWeek(db: Db, week: string): Promise<Cycle | undefined> {
  return firstRow(db, sql<Cycle>`select ${CYCLE_COLUMNS} from cycles where week = ${week} and opened_at is not null`);
}

/**
 * The cycle an answer given now counts for: the latest opened, or, before any, this week's
 * (created if new, so call it in the caller's transaction).
 */
export async function answeringCycle(db: Db, currentWeek: CycleWeek): Promise<Cycle> {
  return (await latestOpenedCycle(db)) ?? cycleOfWeek(db, currentWeek);
}

/** Opened cycles, newest first, starting with the given one: the history a task's silence is counted over. */
export async function cyclesUpTo(db: Db, cycle: Cycle, count: number): Promise<Cycle[]> {
  return db.selectFrom('cycles').selectAll().where('openedAt', 'is not', null).where('startsAt', '<=', cycle.startsAt).orderBy('startsAt', 'desc').limit(count).execute();
}
