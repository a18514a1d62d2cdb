import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

const BACKUP_NAME = /^duban-\d{4}-\d{2}-\d{2}T\d{6}Z\.sqlite$/;

/**
 * An online, consistent copy of the database (SQLite's backup API, safe while the bot writes),
 * named by its UTC time, keeping the newest `keep` copies in `dir`. Returns the new file's path.
 *
 * @example await backupDatabase('data/duban.sqlite', 'data/backups', 14, new Date())
 */
export async function backupDatabase(databasePath: string, dir: string, keep: number, now: Date): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/^(\d{4})(\d{2})(\d{2})T(\d{6})\.\d+Z$/, '$1-$2-$3T$4Z');
  const target = join(dir, `duban-${stamp}.sqlite`);
  const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const backups = readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) unlinkSync(join(dir, old));
  return target;
}
