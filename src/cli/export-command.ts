import { writeTableFile, tableFormatOf } from '../io/table-file.ts';
import { taskSheet } from '../io/task-sheet.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import type { CliCommand } from './context.ts';

/** `export FILE`: the one table as `.csv` or `.xlsx`, by the extension, ready to import back. */
export const exportCommand: CliCommand = async ({ config, db, t, print, printError }, [file]) => {
  if (!file) {
    printError(t('cli.missingFile', { command: 'export' }));
    return 2;
  }
  if (!tableFormatOf(file)) {
    printError(describeProblem(t, { line: null, column: null, code: 'file.extension', params: { extension: file } }));
    return 2;
  }
  const tasks = await allTaskRecords(db);
  const language = config.locale === 'en' ? 'en' : 'zh';
  await writeTableFile(file, taskSheet(tasks, { language, t, timeZone: config.timezone }));
  print(t('export.done', { count: tasks.length, file }));
  return 0;
};
