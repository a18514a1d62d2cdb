import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Schedule } from '../domain/schedule.ts';
import type { Translate } from '../i18n/translate.ts';

/** What a step of the weekly cycle needs; `now` is passed to each run, never read from the wall. */
export interface StepDeps {
  db: Db;
  config: Config;
  t: Translate;
}

export function scheduleOf(config: Config): Schedule {
  return { prompt: config.promptCron, remind: config.remindCron, digest: config.digestCron, timeZone: config.timezone };
}

/** A scheduled run: the cron occurrence it stands for, and who runs it (schedule, catch-up). */
export interface StepClaim {
  slot: Date;
  by: string;
  /** The slot's own time, when a public holiday moved the step to run later. */
  movedFrom?: Date;
}
