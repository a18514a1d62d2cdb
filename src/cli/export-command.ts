import { calendarDateIn } from '../domain/calendar-date.ts';
import { currentLights } from '../flows/table-lights.ts';
import { writeTableFile, tableFormatOf } from '../io/table-file.ts';
import { taskSheet } from '../io/task-sheet.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import type { CliCommand } from './context.ts';

/**
 * `export FILE`: the one table as `.csv` or `.xlsx`, by the extension, ready to import back and,
 * as `.xlsx`, to print: titled with today's date, each task with its light today.
 */
export const exportCommand: CliCommand = async ({ config, db, t, now, print, printError }, [file]) => {
  if (!file) {
    printError(t('cli.missingFile', { command: 'export' }));
    return 2;
  }
  if (!tableFormatOf(file)) {
    printError(describeProblem(t, { line: null, column: null, code: 'file.extension', params: { extension: file } }));
    return 2;
  }
  const at = now();
  const tasks = await allTaskRecords(db);
  const statuses = await currentLights(db, config, at);
  const today = calendarDateIn(at, config.timezone);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const title = t('table.title', { when: t('table.exportedOn', { year, month, day, date: today }) });
  const language = config.locale === 'en' ? 'en' : 'zh';
  await writeTableFile(file, taskSheet(tasks, { language, t, timeZone: config.timezone, statuses, title }));
  print(t('export.done', { count: tasks.length, file }));
  return 0;
};
