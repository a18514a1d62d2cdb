import { basename } from 'node:path';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { readTaskTableFile } from '../io/read-task-table.ts';
import { importTasks } from '../store/import-tasks.ts';
import type { CliCommand } from './context.ts';

/** `import FILE`: all or nothing; every problem is listed and the database is left as it was. */
export const importCommand: CliCommand = async ({ config, db, t, now, print, printError }, [file]) => {
  if (!file) {
    printError(t('cli.missingFile', { command: 'import' }));
    return 2;
  }
  const table = await readTaskTableFile(file);
  if (!table.ok) {
    printError(t('import.rejected', { count: table.problems.length }));
    for (const problem of table.problems) printError(`  ${describeProblem(t, problem)}`);
    return 1;
  }
  const at = now();
  const summary = await importTasks(db, table.rows, {
    now: at,
    today: calendarDateIn(at, config.timezone),
    leadershipName: t('unit.leadership'),
    actor: 'cli',
    source: basename(file),
  });
  print(t('import.done', { ...summary }));
  for (const note of table.notes) print(describeProblem(t, note));
  return 0;
};
