import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Sheet } from '../io/sheet.ts';
import { taskSheet } from '../io/task-sheet.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import { currentLights } from './table-lights.ts';

/**
 * The one table as the office exports it, by `cli export` or `/export`: titled with today's date,
 * each task with its light today, the codes written back, ready to print or to import back.
 */
export async function exportedSheet(db: Db, deps: { config: Config; t: Translate }, now: Date): Promise<{ sheet: Sheet; count: number; date: CalendarDate }> {
  const { config, t } = deps;
  const tasks = await allTaskRecords(db);
  const statuses = await currentLights(db, config, now);
  const today = calendarDateIn(now, config.timezone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const title = t('table.title', { when: t('table.exportedOn', { year, month, day, date: today }) });
  const sheet = taskSheet(tasks, { language: config.locale === 'en' ? 'en' : 'zh', t, timeZone: config.timezone, statuses, title });
  return { sheet, count: tasks.length, date: today };
}
