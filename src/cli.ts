import 'dotenv/config';
import { ConfigError, loadConfig, unusableDatabaseProblem } from './config.ts';
import { assessCommand } from './cli/assess-command.ts';
import { backupCommand } from './cli/backup-command.ts';
import { calendarCommand } from './cli/calendar-command.ts';
import { unitTypeCommand } from './cli/unit-type-command.ts';
import { restoreCommand } from './cli/restore-command.ts';
import { exportCommand } from './cli/export-command.ts';
import { importCommand } from './cli/import-command.ts';
import { invitesCommand } from './cli/invites-command.ts';
import { migrateCommand } from './cli/migrate-command.ts';
import { digestCommand, promptCommand, remindCommand } from './cli/step-commands.ts';
import type { CliCommand } from './cli/context.ts';
import { openReachableDatabase, UnusableDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { translator } from './i18n/translate.ts';

// `invites | head`: once the reader has what it wanted, the rest of the listing is not wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

/** The admin command line: `npm run cli -- <command> [args]`. */
const commands: Record<string, CliCommand> = {
  migrate: migrateCommand,
  import: importCommand,
  export: exportCommand,
  invites: invitesCommand,
  prompt: promptCommand,
  remind: remindCommand,
  digest: digestCommand,
  backup: backupCommand,
  restore: restoreCommand,
  assess: assessCommand,
  'unit-type': unitTypeCommand,
  calendar: calendarCommand,
};

async function main(argv: string[]): Promise<number> {
  const config = loadConfig(process.env);
  const t = translator(config.locale);
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    if (name !== undefined && name !== 'help' && name !== '--help') console.error(t('cli.unknownCommand', { command: name }));
    console.error(t('cli.usage'));
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  const db = await openReachableDatabase(config.databaseUrl);
  try {
    const migrationsApplied = await migrateToLatest(db);
    return await command(
      { config, db, t, now: () => new Date(), migrationsApplied, print: (text) => console.log(text), printError: (text) => console.error(text) },
      args,
    );
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof UnusableDatabase) console.error(unusableDatabaseProblem({ locale: process.env.LOCALE === 'en' ? 'en' : 'zh-CN' }, error.where, error.reason));
    else console.error(translator(process.env.LOCALE === 'en' ? 'en' : 'zh-CN')('cli.failed', { reason: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 1;
  },
);
