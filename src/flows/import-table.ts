import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { undoneAfter } from '../db/savepoint.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import type { TaskRow } from '../domain/task-table.ts';
import type { Translate } from '../i18n/translate.ts';
import { htmlTranslator } from '../render/html.ts';
import { importTasks, type ImportSummary } from '../store/import-tasks.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { linkedPeopleOfUnits } from '../store/people.ts';

export interface TableImport {
  rows: readonly TaskRow[];
  /** The file's name, for the audit log and the withdrawn tasks' owners. */
  source: string;
  actor: string;
  /** Withdraw the tasks the table no longer lists: the admin saw them named in the preview and confirmed. */
  withdrawUnlisted: boolean;
  /** Only say what would change: every write is undone. */
  dryRun: boolean;
}

/**
 * Imports a validated table in the caller's transaction. A preview (`dryRun`) runs the very same
 * writes and undoes them, so that what it shows is what Confirm will do. The owner of each task
 * withdrawn because the table no longer lists it is told, in the same transaction.
 *
 * @example const summary = await inTransaction(db, (trx) => importTable(trx, { config, t }, { rows, source: 'table.xlsx', actor: 'cli', withdrawUnlisted: false, dryRun: true }, new Date()))
 */
export async function importTable(trx: Db, deps: { config: Config; t: Translate }, input: TableImport, now: Date): Promise<ImportSummary> {
  const run = async (trx: Db) => {
    const summary = await importTasks(trx, input.rows, {
      now,
      today: calendarDateIn(now, deps.config.timezone),
      leadershipName: deps.t('unit.leadership'),
      actor: input.actor,
      source: input.source,
      withdrawUnlisted: input.withdrawUnlisted,
    });
    if (!input.dryRun) await tellCoUnits(trx, deps, summary, now);
    if (summary.withdrawn && !input.dryRun) {
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
  };
  return input.dryRun ? undoneAfter(trx, run) : run(trx);
}

/** Each co-unit newly named with a task (配合单位) is told, through its linked people: what, and who leads it. */
async function tellCoUnits(trx: Db, deps: { t: Translate }, summary: ImportSummary, now: Date): Promise<void> {
  if (summary.coUnitsAdded.length === 0) return;
  const t = htmlTranslator(deps.t);
  const unitIds = [...new Set(summary.coUnitsAdded.flatMap((added) => added.unitIds))];
  const people = await linkedPeopleOfUnits(trx, unitIds);
  const messages = summary.coUnitsAdded.flatMap(({ task, unitIds }) =>
    people.filter((person) => unitIds.includes(person.unitId)).map((person) => ({
      dedupeKey: `co-unit:${task.id}:${person.id}`,
      chatId: person.chatId,
      personId: person.id,
      taskId: task.id,
      text: t('import.coUnitNotice', { code: task.code, title: task.title, lead: task.unit, unit: person.unit }),
    })),
  );
  await enqueueMessages(trx, messages, now);
}
