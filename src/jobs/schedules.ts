import cron, { type ScheduledTask } from 'node-cron';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { lastRun, missedSlots, type Step } from '../domain/schedule.ts';
import type { Logger } from '../logger.ts';
import { closeDueRounds, remindRaters } from './assessment-step.ts';
import { runDigestStep } from './digest-step.ts';
import { runPromptStep } from './prompt-step.ts';
import { runRemindStep } from './remind-step.ts';
import { scheduleOf, type StepClaim, type StepDeps } from './step-deps.ts';

/** node-cron may fire a moment early or late; a run stands for the occurrence nearest it. */
const FIRING_TOLERANCE_MS = 30_000;

type ScheduleDeps = StepDeps & { logger: Logger; afterRun: () => void; now: () => Date };

function runStep(deps: ScheduleDeps, step: Step, claim: StepClaim): Promise<unknown> {
  const now = deps.now();
  if (step === 'prompt') return runPromptStep(deps, now, claim);
  if (step === 'remind') return runRemindStep(deps, now, { claim });
  return runDigestStep(deps, now, claim).then((run) => ('digest' in run ? { ...run, digest: undefined } : run));
}

async function runLogged(deps: ScheduleDeps, step: Step, claim: StepClaim): Promise<void> {
  try {
    const result = await runStep(deps, step, claim);
    deps.logger.info({ step, slot: claim.slot.toISOString(), by: claim.by, result }, 'scheduled step ran');
    deps.afterRun();
  } catch (error) {
    deps.logger.error({ err: error, step, slot: claim.slot.toISOString() }, 'scheduled step failed');
  }
}

/**
 * The weekly cycle on node-cron, in TIMEZONE, and the assessment rounds' reminders (at the
 * cycle's reminder times) and closing. Each run claims its slot in the transaction of its
 * effects, so a step runs once per slot however many processes share the database. On start,
 * what this week missed while the process was down is caught up, once.
 */
export async function startSchedules(deps: ScheduleDeps): Promise<{ stop(): Promise<void> }> {
  const schedule = scheduleOf(deps.config);
  await catchUpMissedSteps(deps);
  const tasks: ScheduledTask[] = (['prompt', 'remind', 'digest'] as const).map((step) =>
    cron.schedule(
      schedule[step],
      () => runLogged(deps, step, { slot: lastRun(schedule, step, new Date(deps.now().getTime() + FIRING_TOLERANCE_MS)), by: 'schedule' }),
      { timezone: schedule.timeZone, name: step, noOverlap: true },
    ),
  );
  tasks.push(
    cron.schedule(
      schedule.remind,
      () => runAssessmentStep(deps, 'assessRemind', () => remindRaters(deps, deps.now(), { slot: lastRun(schedule, 'remind', new Date(deps.now().getTime() + FIRING_TOLERANCE_MS)), by: 'schedule' })),
      { timezone: schedule.timeZone, name: 'assessRemind', noOverlap: true },
    ),
    cron.schedule(ROUND_CLOSING_CRON, () => runAssessmentStep(deps, 'assessClose', () => closeDueRounds(deps, deps.now())), { timezone: schedule.timeZone, name: 'assessClose', noOverlap: true }),
  );
  return {
    async stop() {
      for (const task of tasks) await task.destroy();
    },
  };
}

/** Runs, once, what this week's schedule owed while the process was down, and closes the rounds past their date. */
export async function catchUpMissedSteps(deps: ScheduleDeps): Promise<void> {
  const schedule = scheduleOf(deps.config);
  const now = deps.now();
  for (const { step, slot } of missedSlots(schedule, now, cycleWeekOf(now, schedule.timeZone).startsAt)) {
    await runLogged(deps, step, { slot, by: 'catch-up' });
  }
  await runAssessmentStep(deps, 'assessClose', () => closeDueRounds(deps, now));
}

/** Assessment rounds close in the first minutes of the day after their last: checked hourly. */
const ROUND_CLOSING_CRON = '5 * * * *';

async function runAssessmentStep(deps: ScheduleDeps, step: 'assessRemind' | 'assessClose', run: () => Promise<unknown>): Promise<void> {
  try {
    const result = await run();
    deps.logger.info({ step, result }, 'scheduled step ran');
    deps.afterRun();
  } catch (error) {
    deps.logger.error({ err: error, step }, 'scheduled step failed');
  }
}
