import { runDigestStep } from '../jobs/digest-step.ts';
import { runPromptStep } from '../jobs/prompt-step.ts';
import { runRemindStep } from '../jobs/remind-step.ts';
import type { CliCommand } from './context.ts';

/** `prompt`: open this week's cycle and queue the prompts now. */
export const promptCommand: CliCommand = async ({ db, config, t, now, print }) => {
  const run = await runPromptStep({ db, config, t }, now());
  print(t('cli.prompted', { week: run.week, count: run.queued, skipped: run.skipped }));
  return 0;
};

/** `remind [--final]`: remind whoever has not answered; the week's last reminder (or --final) escalates. */
export const remindCommand: CliCommand = async ({ db, config, t, now, print, printError }, args) => {
  const run = await runRemindStep({ db, config, t }, now(), args.includes('--final') ? { final: true } : {});
  if (run.status !== 'done') {
    printError(t('cli.noOpenCycle'));
    return 1;
  }
  print(t('cli.reminded', { week: run.week, count: run.reminded }));
  if (run.final) print(t('cli.escalated', { week: run.week, count: run.escalated }));
  return 0;
};

/** `digest`: queue the digest for the leadership group and close the cycle. */
export const digestCommand: CliCommand = async ({ db, config, t, now, print, printError }) => {
  // Without the group there is no one to send the digest to: nothing is queued, the cycle stays open.
  if (config.leadershipChatId === undefined) {
    printError(t('cli.noLeadershipChat'));
    printError(t('cli.digestNotRun'));
    return 1;
  }
  const run = await runDigestStep({ db, config, t }, now());
  if (run.status !== 'done') {
    printError(t('cli.noOpenCycle'));
    return 1;
  }
  print(t('cli.digested', { week: run.week, parts: run.parts }));
  return 0;
};
