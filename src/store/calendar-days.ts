import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { DayMark, DayMarks } from '../domain/work-calendar.ts';

export interface MarkedDay extends DayMark {
  day: CalendarDate;
}

/**
 * The admin's marks (`calendar import`), over the built-in ones. A year is known once it has a
 * day off marked: a year's notice names its holidays; a make-up day alone does not make one.
 */
export async function adminDayMarks(db: Db): Promise<DayMarks> {
  const rows = await db.selectFrom('calendarDays').select(['day', 'kind', 'name']).execute();
  return {
    days: new Map(rows.map((row) => [row.day as CalendarDate, { kind: row.kind, name: row.name }])),
    years: new Set(rows.filter((row) => row.kind === 'rest').map((row) => Number(row.day.slice(0, 4)))),
  };
}

/** Writes the days, each replacing what was marked for it before; in the caller's transaction. */
export async function markDays(db: Db, days: readonly MarkedDay[], now: Date): Promise<void> {
  for (let from = 0; from < days.length; from += 200) {
    await db
      .insertInto('calendarDays')
      .values(days.slice(from, from + 200).map((day) => ({ day: day.day, kind: day.kind, name: day.name, importedAt: now.toISOString() })))
      .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name'), importedAt: eb.ref('excluded.importedAt') })))
      .execute();
  }
}
