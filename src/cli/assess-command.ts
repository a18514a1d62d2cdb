import { parseAssessCommand } from '../domain/assess-command.ts';
import { closeRoundByName, openRound, roundResults, type RoundOutcome } from '../flows/assessment-rounds.ts';
import { inTransaction } from '../db/transaction.ts';
import type { CliCommand } from './context.ts';

/**
 * `assess open NAME --raters TYPE --targets TYPE [--criteria A,B,C] [--closes DATE]`, `assess close
 * NAME`, `assess results NAME [--json]`: linked assessment rounds (联动考核). Cards and results are
 * queued; the running bot sends them.
 */
export const assessCommand: CliCommand = async ({ config, db, t, now, print, printError }, args) => {
  const command = parseAssessCommand(args);
  if ('problem' in command) {
    if (command.problem === 'missing') printError(t('assess.problem.missing', { option: command.option }));
    if (command.problem === 'unknownOption') printError(t('assess.problem.unknownOption', { option: command.option }));
    printError(t('assess.usage'));
    return 2;
  }
  const deps = { config, t };
  const at = now();
  const outcome: RoundOutcome = await inTransaction(db, (trx) => {
    if (command.action === 'open') return openRound(trx, deps, command, { actor: 'cli', now: at });
    if (command.action === 'close') return closeRoundByName(trx, deps, { name: command.name, actor: 'cli', now: at });
    return roundResults(trx, deps, { name: command.name, json: command.json, now: at });
  });
  for (const line of outcome.lines) (outcome.ok ? print : printError)(line);
  return outcome.ok ? 0 : 1;
};
