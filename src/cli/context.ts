import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Translate } from '../i18n/translate.ts';

/** What every admin command gets: settings, the database, the catalog, and where to print. */
export interface CliContext {
  config: Config;
  db: Db;
  t: Translate;
  now: () => Date;
  /** The migrations this run applied before the command. */
  migrationsApplied: string[];
  print: (text: string) => void;
  printError: (text: string) => void;
}

/** An admin command: its arguments in, an exit code out (0 done, 1 refused, 2 misused). */
export type CliCommand = (context: CliContext, args: string[]) => Promise<number>;
