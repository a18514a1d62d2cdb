import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { buildDigest, type Digest } from '../domain/digest.ts';
import { digestMessages } from '../render/digest-message.ts';
import { closeCycle, latestOpenedCycle } from '../store/cycles.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { digestTasks } from '../store/weekly.ts';
import { claimStepRun } from '../store/step-runs.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';

export type DigestRun = { status: 'noOpenCycle' | 'alreadyRan' } | { status: 'done'; week: string; parts: number; digest: Digest; delivered: boolean };

/**
 * Builds the digest of the latest opened cycle, queues it for the leadership group and closes
 * the cycle, in one transaction; later answers count as late. Without LEADERSHIP_CHAT_ID the
 * cycle still closes and the caller is told the digest had nowhere to go.
 */
export async function runDigestStep({ db, config, t }: StepDeps, now: Date, claim?: StepClaim): Promise<DigestRun> {
  return db.transaction().execute(async (trx): Promise<DigestRun> => {
    if (claim && !(await claimStepRun(trx, 'digest', claim.slot, claim.by, now))) return { status: 'alreadyRan' };
    const cycle = await latestOpenedCycle(trx);
    if (!cycle) return { status: 'noOpenCycle' };
    const week = cycleWeekOf(new Date(cycle.startsAt), config.timezone);
    const digest = buildDigest({ week, today: calendarDateIn(now, config.timezone), tasks: await digestTasks(trx, cycle) });
    const messages = digestMessages(digest, t);
    const chatId = config.leadershipChatId;
    if (chatId !== undefined) {
      await enqueueMessages(trx, messages.map((text, part) => ({ dedupeKey: `digest:${cycle.id}:${part}`, chatId, text, cycleId: cycle.id })), now);
    }
    await closeCycle(trx, cycle.id, now);
    return { status: 'done', week: cycle.week, parts: messages.length, digest, delivered: chatId !== undefined };
  });
}
