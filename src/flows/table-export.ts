import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Sheet } from '../io/sheet.ts';
import { assessmentExportSheet } from '../io/assessment-sheet.ts';
import { taskSheet } from '../io/task-sheet.ts';
import { storedResults } from '../store/assessment-results.ts';
import { closedRounds } from '../store/assessment-rounds.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import { currentLights } from './table-lights.ts';

/**
 * The one table as the office exports it, by `cli export` or `/export`: titled with today's date,
 * each task with its light today, the codes written back, ready to print or to import back; and
 * the closed assessment rounds' results beside it.
 */
export async function exportedSheet(db: Db, deps: { config: Config; t: Translate }, now: Date): Promise<{ sheet: Sheet; further: Sheet[]; count: number; date: CalendarDate }> {
  const { config, t } = deps;
  const tasks = await allTaskRecords(db);
  const statuses = await currentLights(db, config, now);
  const today = calendarDateIn(now, config.timezone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const title = t('table.title', { when: t('table.exportedOn', { year, month, day, date: today }) });
  const sheet = taskSheet(tasks, { language: config.locale === 'en' ? 'en' : 'zh', t, timeZone: config.timezone, statuses, title });
  // The assessment rounds' results go in a sheet of their own (a workbook only: CSV holds one table).
  const rounds = await Promise.all((await closedRounds(db)).map(async (round) => ({ round, results: await storedResults(db, round.id) })));
  return { sheet, further: rounds.length > 0 ? [assessmentExportSheet(t, rounds)] : [], count: tasks.length, date: today };
}
