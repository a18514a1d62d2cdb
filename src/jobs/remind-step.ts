import { cycleWeekOf } from '../domain/cycle-week.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { isFinalReminder } from '../domain/schedule.ts';
import { escalationMessage, reminderMessage } from '../render/reminder-message.ts';
import { latestOpenedCycle } from '../store/cycles.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { unansweredTasks, type UnansweredTask } from '../store/weekly.ts';
import { leavesBetween } from '../store/leaves.ts';
import { escapeHtml } from '../render/html.ts';
import { claimStepRun } from '../store/step-runs.ts';
import { scheduleOf, type StepClaim, type StepDeps } from './step-deps.ts';
import { groupBy } from '../domain/group-by.ts';
import { inTransaction } from '../db/transaction.ts';

export type RemindRun = { status: 'noOpenCycle' | 'alreadyRan' } | { status: 'done'; week: string; reminded: number; escalated: number; final: boolean };

/**
 * Reminds each linked owner with unanswered tasks in the open cycle, in one message — or, while
 * they are on leave, their deputy, told whose tasks; nobody, if nobody stands in. The week's
 * last reminder (no other comes before the digest), or `final`, also tells each linked leader
 * in charge who under them has not answered. Keys carry the day, so a second run that day
 * reminds no one twice.
 */
export async function runRemindStep({ db, config, t }: StepDeps, now: Date, options: { final?: boolean; claim?: StepClaim } = {}): Promise<RemindRun> {
  const { claim } = options;
  const final = options.final ?? isFinalReminder(scheduleOf(config), claim?.slot ?? now);
  const day = calendarDateIn(claim?.slot ?? now, config.timezone);
  return inTransaction(db, async (trx): Promise<RemindRun> => {
    if (claim && !(await claimStepRun(trx, 'remind', claim.slot, claim.by, now))) return { status: 'alreadyRan' };
    const cycle = await latestOpenedCycle(trx);
    if (!cycle || cycle.closedAt !== null) return { status: 'noOpenCycle' };
    const today = calendarDateIn(now, config.timezone);
    const away = await leavesBetween(trx, today, today);
    // On leave with nobody standing in: not chased, and not reported to the leader as silent.
    const unanswered = (await unansweredTasks(trx, cycle)).filter((task) => away.get(task.ownerId)?.deputyId !== null);
    const week = cycleWeekOf(new Date(cycle.startsAt), config.timezone);

    const reminders: OutgoingMessage[] = [];
    for (const tasks of groupBy(unanswered, (task) => `${task.ownerId}`).values()) {
      const { ownerId, owner, ownerChat } = tasks[0]!;
      const leave = away.get(ownerId);
      const to = leave ? { id: leave.deputyId!, chat: leave.deputyChat, key: `${leave.deputyId}:for:${ownerId}`, head: `${escapeHtml(t('remind.standIn', { owner }))}\n` } : { id: ownerId, chat: ownerChat, key: `${ownerId}`, head: '' };
      if (to.chat === null) continue;
      reminders.push({
        dedupeKey: `remind:${cycle.id}:${day}:${to.key}`, chatId: to.chat, text: to.head + reminderMessage(week, tasks, t),
        personId: to.id, cycleId: cycle.id, taskId: tasks.length === 1 ? tasks[0]!.taskId : null,
      });
    }
    const escalations: OutgoingMessage[] = [];
    if (final) {
      for (const [leaderId, tasks] of groupBy(unanswered.filter((task) => task.leaderChat !== null), (task) => task.leaderId)) {
        escalations.push({
          dedupeKey: `escalate:${cycle.id}:${leaderId}`, chatId: tasks[0]!.leaderChat!, personId: leaderId, cycleId: cycle.id,
          text: escalationMessage(week, tasks.map((task: UnansweredTask) => ({ ...task, ownerReach: task.ownerChat === null ? 'unlinked' : task.ownerUnreachable ? 'unreachable' : 'reachable' })), t),
        });
      }
    }
    return {
      status: 'done', week: cycle.week, final,
      reminded: await enqueueMessages(trx, reminders, now),
      escalated: await enqueueMessages(trx, escalations, now),
    };
  });
}
