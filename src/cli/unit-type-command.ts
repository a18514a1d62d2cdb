import { typeUnit } from '../flows/unit-type.ts';
import { inTransaction } from '../db/transaction.ts';
import type { CliCommand } from './context.ts';

/** `unit-type UNIT TYPE`: types a unit (单位类型) for assessment rounds, as the table's column does. */
export const unitTypeCommand: CliCommand = async ({ config, db, t, now, print, printError }, args) => {
  const outcome = await inTransaction(db, (trx) => typeUnit(trx, { config, t }, { words: args, actor: 'cli', now: now() }));
  for (const line of outcome.lines) (outcome.ok ? print : printError)(line);
  return outcome.ok ? 0 : outcome.usage ? 2 : 1;
};
