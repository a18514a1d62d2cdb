import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.ts';
import { runDigestStep } from './digest-step.ts';
import { runPromptStep } from './prompt-step.ts';
import { runRemindStep } from './remind-step.ts';
import type { StepDeps } from './step-deps.ts';

/**
 * The weekly cycle on node-cron, in TIMEZONE: prompt, remind (the last one escalates), digest.
 * `afterRun` is told when a step has queued messages, so the sender goes at once.
 */
export function startSchedules(deps: StepDeps & { logger: Logger; afterRun: () => void }): { stop(): Promise<void> } {
  const { config, logger } = deps;
  const steps = {
    prompt: [config.promptCron, () => runPromptStep(deps, new Date())],
    remind: [config.remindCron, () => runRemindStep(deps, new Date())],
    digest: [config.digestCron, () => runDigestStep(deps, new Date())],
  } as const;
  const tasks: ScheduledTask[] = Object.entries(steps).map(([name, [expression, run]]) =>
    cron.schedule(
      expression,
      async () => {
        try {
          const result = await run();
          logger.info({ step: name, result: 'digest' in result ? { ...result, digest: undefined } : result }, 'scheduled step ran');
          deps.afterRun();
        } catch (error) {
          logger.error({ err: error, step: name }, 'scheduled step failed');
        }
      },
      { timezone: config.timezone, name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.destroy();
    },
  };
}
