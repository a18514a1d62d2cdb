import { DateTime } from 'luxon';
import type { CalendarDate } from './calendar-date.ts';
import { cycleWeekOf } from './cycle-week.ts';
import { nextRun, type Schedule, type Step } from './schedule.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** A step owed now: the cron occurrence it stands for (its claim), and when it runs. */
export interface DueStep {
  step: Step;
  slot: Date;
  /** When it runs: the slot, or the next working day at the same time when the slot's day is a holiday. */
  at: Date;
  /** For a reminder: whether it is the week's last before the digest (it then tells the leaders). */
  final?: boolean;
}

/** How far a digest may move past its week: the longest run of days off in China is nine. */
const MOST_DAYS_MOVED = 14;

/**
 * A slot as the calendar has it run: where its day is a public holiday (marked 休), the next
 * working day at the same local time — a make-up working day counts, an ordinary weekend does
 * not. A slot on an unmarked day stays (a schedule may well run on a Saturday). The prompt and
 * the reminders stay within their week or do not run; the digest may move past it. null: no
 * working day to move to.
 *
 * @example movedSlot(calendar, 'Asia/Shanghai', monday1005At0900, 'prompt') // Thursday 10-08 09:00 (国庆节)
 */
export function movedSlot(calendar: WorkCalendar, timeZone: string, slot: Date, step: Step): Date | null {
  const local = DateTime.fromJSDate(slot, { zone: timeZone });
  if (calendar.markOf(local.toISODate() as CalendarDate)?.kind !== 'rest') return slot;
  const weekEnds = cycleWeekOf(slot, timeZone).endsAt;
  for (let days = 1; days <= MOST_DAYS_MOVED; days += 1) {
    const moved = local.plus({ days });
    if (step !== 'digest' && moved.toJSDate() >= weekEnds) return null;
    if (calendar.isWorkingDay(moved.toISODate() as CalendarDate)) return moved.toJSDate();
  }
  return null;
}

/** A step's occurrences within a week, in order. */
function slotsIn(schedule: Schedule, step: Step, from: Date, to: Date): Date[] {
  const slots: Date[] = [];
  for (let slot = nextRun(schedule, step, new Date(from.getTime() - 1)); slot < to; slot = nextRun(schedule, step, slot)) slots.push(slot);
  return slots;
}

/** A week's steps as the calendar has them run: the prompt, the reminders after it, the digest; none of them if the prompt cannot run. */
export function weekSteps(schedule: Schedule, calendar: WorkCalendar, weekOf: Date): DueStep[] {
  const { startsAt, endsAt } = cycleWeekOf(weekOf, schedule.timeZone);
  const moved = (step: Step) => (slot: Date) => ({ step, slot, at: movedSlot(calendar, schedule.timeZone, slot, step) });
  const [prompt] = slotsIn(schedule, 'prompt', startsAt, endsAt).map(moved('prompt'));
  // A week with no working day for its prompt has no cycle: no reminders, no digest.
  if (!prompt?.at) return [];
  const digests = slotsIn(schedule, 'digest', startsAt, endsAt).map(moved('digest')).filter((digest): digest is DueStep => digest.at !== null && digest.at > prompt.at!);
  const digestAt = digests.at(-1)?.at ?? endsAt;
  // A reminder moved onto the prompt (or past the digest) has nothing to add; of two moved onto one moment, the later slot runs.
  const reminders = slotsIn(schedule, 'remind', startsAt, endsAt).map(moved('remind')).filter((remind): remind is DueStep => remind.at !== null && remind.at > prompt.at! && remind.at < digestAt);
  const distinct = reminders.filter((remind, i) => !reminders.slice(i + 1).some((later) => later.at.getTime() === remind.at.getTime()));
  return [
    { ...prompt, at: prompt.at },
    ...distinct.map((remind, i) => ({ ...remind, final: i === distinct.length - 1 })),
    ...digests,
  ];
}

/**
 * What is owed at `now`: of this week's steps (as `weekSteps` moves them) those whose time has
 * come — once the digest's has, only the digest (prompting after it makes no sense), else the
 * prompt and the latest reminder since — and last week's digest if a holiday moved it into this
 * week. A scheduled firing and a restart's catch-up ask the same; each step claims its slot, so
 * what already ran does not run again.
 *
 * @example dueSteps(schedule, calendar, tuesdayNoon) // [{ step: 'prompt', slot: monday0900, at: monday0900 }]
 */
export function dueSteps(schedule: Schedule, calendar: WorkCalendar, now: Date): DueStep[] {
  const week = cycleWeekOf(now, schedule.timeZone);
  const lastWeeks = weekSteps(schedule, calendar, new Date(week.startsAt.getTime() - 1)).filter((due) => due.step === 'digest' && due.at >= week.startsAt && due.at <= now);
  const steps = weekSteps(schedule, calendar, now).filter((due) => due.at <= now);
  const digest = steps.filter((due) => due.step === 'digest').at(-1);
  if (digest) return [...lastWeeks, digest];
  const prompt = steps.find((due) => due.step === 'prompt');
  const remind = steps.filter((due) => due.step === 'remind').at(-1);
  return [...lastWeeks, ...(prompt ? [prompt] : []), ...(remind ? [remind] : [])];
}

/** Whether a slot runs at another time than its own: a holiday moved it. */
export const wasMoved = (due: Pick<DueStep, 'slot' | 'at'>) => due.slot.getTime() !== due.at.getTime();

