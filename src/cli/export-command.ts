import { exportedSheet } from '../flows/table-export.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { tableFormatOf, writeTableFile } from '../io/table-file.ts';
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
  const { sheet, further, count } = await exportedSheet(db, { config, t }, now());
  await writeTableFile(file, sheet, further);
  print(t('export.done', { count, file }));
  return 0;
};
