import { isPostgresUrl } from '../db/database-url.ts';
import { backupDatabase } from '../db/backup.ts';
import type { CliCommand } from './context.ts';

/** `backup`: an online copy of the database into BACKUP_DIR, keeping the newest BACKUP_KEEP. */
export const backupCommand: CliCommand = async ({ config, t, now, print, printError }) => {
  if (isPostgresUrl(config.databaseUrl)) {
    printError(t('cli.backupIsPostgres'));
    return 1;
  }
  print(t('cli.backedUp', { file: await backupDatabase(config.databaseUrl, config.backupDir, config.backupKeep, now()) }));
  return 0;
};
