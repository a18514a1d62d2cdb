import { basename } from 'node:path';
import { inTransaction } from '../db/transaction.ts';
import { importTable } from '../flows/import-table.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { readTaskTableFile } from '../io/read-task-table.ts';
import { importSummaryLines, rejectionHeading } from '../render/import-summary.ts';
import type { CliCommand } from './context.ts';

/**
 * `import FILE [--dry-run] [--withdraw]`: all or nothing; every problem is listed and the database
 * is left as it was. `--dry-run` shows what would change and changes nothing; the tasks the table
 * no longer lists stay open unless `--withdraw` confirms their withdrawal.
 */
export const importCommand: CliCommand = async ({ config, db, t, now, print, printError }, args) => {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    printError(t('cli.missingFile', { command: 'import' }));
    return 2;
  }
  const table = await readTaskTableFile(file);
  if (!table.ok) {
    printError(rejectionHeading(t, table));
    for (const problem of table.problems) printError(`  ${describeProblem(t, problem)}`);
    return 1;
  }
  const dryRun = args.includes('--dry-run');
  const source = basename(file);
  const input = { rows: table.rows, source, actor: 'cli', withdrawUnlisted: args.includes('--withdraw'), dryRun };
  const summary = await inTransaction(db, (trx) => importTable(trx, { config, t }, input, now()));
  print(t(dryRun ? 'import.preview' : 'import.applied', { file: source }));
  const form = { language: config.locale === 'en' ? 'en' : 'zh', listed: dryRun ? Number.POSITIVE_INFINITY : 20, unlisted: 'withdrawFlag' } as const;
  for (const line of importSummaryLines(summary, table.notes, t, form)) print(line);
  if (dryRun) print(t('import.previewDone'));
  return 0;
};
