import { basename } from 'node:path';
import SQLite from 'better-sqlite3';
import { backupDatabase } from '../db/backup.ts';
import { isPostgresUrl } from '../db/database-url.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { CliCommand } from './context.ts';

/** Whether a file is a sound duban database: SQLite, intact, with duban's migrations and tasks. */
function checkBackup(file: string): 'ok' | 'unreadable' | 'notDuban' | 'damaged' {
  let source: SQLite.Database;
  try {
    source = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    return 'unreadable';
  }
  try {
    const tables = new Set((source.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]));
    if (!tables.has('kysely_migration') || !tables.has('tasks')) return 'notDuban';
    return source.pragma('quick_check', { simple: true }) === 'ok' ? 'ok' : 'damaged';
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_NOTADB' ? 'unreadable' : 'notDuban';
  } finally {
    source.close();
  }
}

/**
 * `restore FILE`: puts a backup (`backup`, or BACKUP_CRON's) back as the database. The file is
 * checked first (SQLite, intact, duban's); the current database is backed up into BACKUP_DIR
 * before it is replaced, so a wrong restore is undone by restoring that copy; the copy goes in
 * through SQLite's backup API, page by page under its locks, then is migrated to this version.
 * Stop the bot first: it would go on with what it had in memory.
 */
export const restoreCommand: CliCommand = async ({ config, db, t, now, print, printError }, [file]) => {
  if (isPostgresUrl(config.databaseUrl)) {
    printError(t('cli.backupIsPostgres'));
    return 1;
  }
  if (!file) {
    printError(t('cli.missingFile', { command: 'restore' }));
    return 2;
  }
  const checked = checkBackup(file);
  if (checked !== 'ok') {
    printError(t(`cli.restore.${checked}`, { file }));
    return 1;
  }
  const before = await backupDatabase(config.databaseUrl, config.backupDir, config.backupKeep + 1, now());
  print(t('cli.restore.savedCurrent', { file: before }));
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(config.databaseUrl);
  } finally {
    source.close();
  }
  const migrated = await migrateToLatest(db);
  const count = async (table: 'tasks' | 'people' | 'checkIns') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  print(t('cli.restore.done', { file: basename(file), tasks: await count('tasks'), people: await count('people'), answers: await count('checkIns'), migrations: migrated.length }));
  return 0;
};
