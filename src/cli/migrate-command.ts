import type { CliCommand } from './context.ts';

/** `migrate`: the CLI migrates before every command; this says how many migrations that took. */
export const migrateCommand: CliCommand = async ({ t, print, migrationsApplied }) => {
  print(t('cli.migrated', { count: migrationsApplied.length }));
  return 0;
};
