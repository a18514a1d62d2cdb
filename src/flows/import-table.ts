import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import type { TaskRow } from '../domain/task-table.ts';
import type { Translate } from '../i18n/translate.ts';
import { htmlTranslator } from '../render/html.ts';
import { importTasks, type ImportSummary } from '../store/import-tasks.ts';
import { enqueueMessages } from '../store/outbox.ts';

export interface TableImport {
  rows: readonly TaskRow[];
  /** The file's name, for the audit log and the withdrawn tasks' owners. */
  source: string;
  actor: string;
  /** Withdraw the tasks the table no longer lists: the admin saw them named in the preview and confirmed. */
  withdrawUnlisted: boolean;
  /** Only say what would change: everything is rolled back. */
  dryRun: boolean;
}

/** Thrown to roll a preview's transaction back, carrying what it would have done. */
class Preview extends Error {
  constructor(readonly summary: ImportSummary) {
    super('import preview rolled back');
  }
}

/**
 * Imports a validated table in one transaction. A preview (`dryRun`) runs the very same writes and
 * rolls them back, so that what it shows is what Confirm will do. The owner of each task
 * withdrawn because the table no longer lists it is told, in the same transaction.
 *
 * @example const summary = await importTable(db, { config, t }, { rows, source: 'table.xlsx', actor: 'cli', withdrawUnlisted: false, dryRun: true }, new Date())
 */
export async function importTable(db: Db, deps: { config: Config; t: Translate }, input: TableImport, now: Date): Promise<ImportSummary> {
  try {
    return await inTransaction(db, async (trx) => {
      const summary = await importTasks(trx, input.rows, {
        now,
        today: calendarDateIn(now, deps.config.timezone),
        leadershipName: deps.t('unit.leadership'),
        actor: input.actor,
        source: input.source,
        withdrawUnlisted: input.withdrawUnlisted,
      });
      if (input.dryRun) throw new Preview(summary);
      if (summary.withdrawn) {
        const t = htmlTranslator(deps.t);
        const told = summary.unlisted.filter((task) => task.ownerChat !== null);
        await enqueueMessages(trx, told.map((task) => ({
          dedupeKey: `withdrawn:${task.id}:${now.toISOString()}`,
          chatId: task.ownerChat!,
          taskId: task.id,
          text: t('import.withdrawnNotice', { code: task.code, title: task.title, source: input.source }),
        })), now);
      }
      return summary;
    });
  } catch (error) {
    if (error instanceof Preview) return error.summary;
    throw error;
  }
}
