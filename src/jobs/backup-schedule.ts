import cron from 'node-cron';
import type { Config } from '../config.ts';
import { backupDatabase } from '../db/backup.ts';
import type { Logger } from '../logger.ts';

/** The scheduled backup on BACKUP_CRON, in TIMEZONE. */
export function startBackupSchedule(config: Config, logger: Logger): { stop(): Promise<void> } {
  const task = cron.schedule(
    config.backupCron,
    async () => {
      try {
        const file = await backupDatabase(config.databaseUrl, config.backupDir, config.backupKeep, new Date());
        logger.info({ file }, 'database backed up');
      } catch (error) {
        logger.error({ err: error }, 'backup failed');
      }
    },
    { timezone: config.timezone, name: 'backup', noOverlap: true },
  );
  return { stop: async () => void (await task.destroy()) };
}
