import cron, { type ScheduledTask } from 'node-cron';
import { dueSteps, wasMoved, type DueStep } from '../domain/holiday-schedule.ts';
import { lastRun } from '../domain/schedule.ts';
import { currentWorkCalendar } from '../flows/work-calendar.ts';
import type { Logger } from '../logger.ts';
import { closeDueRounds, remindRaters } from './assessment-step.ts';
import { runDigestStep } from './digest-step.ts';
import { runPromptStep } from './prompt-step.ts';
import { runRemindStep } from './remind-step.ts';
import { scheduleOf, type StepClaim, type StepDeps } from './step-deps.ts';

/** node-cron may fire a moment early or late; a run stands for the occurrence nearest it. */
const FIRING_TOLERANCE_MS = 30_000;

type ScheduleDeps = StepDeps & { logger: Logger; afterRun: () => void; now: () => Date };

function runStep(deps: ScheduleDeps, due: DueStep, claim: StepClaim): Promise<unknown> {
  const now = deps.now();
  if (due.step === 'prompt') return runPromptStep(deps, now, claim);
  if (due.step === 'remind') return runRemindStep(deps, now, { claim, final: due.final });
  return runDigestStep(deps, now, claim).then((run) => ('digest' in run ? { ...run, digest: undefined } : run));
}

async function runLogged(deps: ScheduleDeps, due: DueStep, by: string): Promise<void> {
  const claim: StepClaim = { slot: due.slot, by, movedFrom: wasMoved(due) ? due.slot : undefined };
  try {
    const result = await runStep(deps, due, claim);
    deps.logger.info({ step: due.step, slot: claim.slot.toISOString(), at: due.at.toISOString(), by, result }, 'scheduled step ran');
    deps.afterRun();
  } catch (error) {
    deps.logger.error({ err: error, step: due.step, slot: claim.slot.toISOString() }, 'scheduled step failed');
  }
}

/**
 * Runs what the week owes now, as the working calendar moves it (a step on a public holiday runs
 * on the next working day at the same time; a week without one has no cycle). Each step claims
 * its slot, so what ran already, here or in another process, does not run again.
 */
export async function runDueSteps(deps: ScheduleDeps, by: string): Promise<void> {
  const calendar = await currentWorkCalendar(deps.db, deps.config);
  for (const due of dueSteps(scheduleOf(deps.config), calendar, new Date(deps.now().getTime() + FIRING_TOLERANCE_MS))) await runLogged(deps, due, by);
}

/** A step's cron on every day at its times: a step a holiday moves runs on another day than its own. */
export function everyDayAt(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  // Five fields (minute hour day month weekday) or six (with seconds first): the last three become every day.
  return [...fields.slice(0, fields.length - 3), '*', '*', '*'].join(' ');
}

/**
 * The weekly cycle on node-cron, in TIMEZONE, and the assessment rounds' reminders (at the
 * cycle's reminder times) and closing. The cycle's steps are looked at every day at their
 * times, and run when owed (`runDueSteps`); on start, what the week missed while the process was
 * down is caught up the same way, once.
 */
export async function startSchedules(deps: ScheduleDeps): Promise<{ stop(): Promise<void> }> {
  const schedule = scheduleOf(deps.config);
  await catchUpMissedSteps(deps);
  const ticks = [...new Set((['prompt', 'remind', 'digest'] as const).map((step) => everyDayAt(schedule[step])))];
  const tasks: ScheduledTask[] = ticks.map((tick) => cron.schedule(tick, () => runDueSteps(deps, 'schedule'), { timezone: schedule.timeZone, name: `cycle ${tick}`, noOverlap: true }));
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
  await runDueSteps(deps, 'catch-up');
  await runAssessmentStep(deps, 'assessClose', () => closeDueRounds(deps, deps.now()));
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
