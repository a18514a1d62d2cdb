import { CronExpressionParser } from 'cron-parser';

/** The weekly cycle's three cron expressions, read in one time zone. */
export interface Schedule {
  prompt: string;
  remind: string;
  digest: string;
  timeZone: string;
}

export type Step = 'prompt' | 'remind' | 'digest';

export function nextRun(schedule: Schedule, step: Step, after: Date): Date {
  return CronExpressionParser.parse(schedule[step], { currentDate: after, tz: schedule.timeZone }).next().toDate();
}

/**
 * Whether a reminder at `at` is the week's last: no other reminder comes before the digest.
 * The last one also tells each leader in charge who under them has not answered.
 *
 * @example isFinalReminder(defaults, fridayAt0900) // true; wednesdayAt0900 // false
 */
export function isFinalReminder(schedule: Schedule, at: Date): boolean {
  return nextRun(schedule, 'digest', at) <= nextRun(schedule, 'remind', at);
}

/** The latest run of a step at or before `at`: the slot a run at `at` stands for. */
export function lastRun(schedule: Schedule, step: Step, at: Date): Date {
  return CronExpressionParser.parse(schedule[step], { currentDate: new Date(at.getTime() + 1), tz: schedule.timeZone }).prev().toDate();
}
