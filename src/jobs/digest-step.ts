import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import type { Digest } from '../domain/digest.ts';
import { DigestBuilder } from '../domain/digest-builder.ts';
import { milestonesThatMatterUntil, taskStatus, type TaskStatus } from '../domain/status.ts';
import { digestWorkbook } from '../io/digest-workbook.ts';
import { digestChartPng } from '../render/digest-chart.ts';
import { digestMessages } from '../render/digest-message.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import { closeCycle, latestOpenedCycle } from '../store/cycles.ts';
import { leaderChats, previousDigest, saveDigestSnapshot } from '../store/digest-snapshots.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { claimStepRun } from '../store/step-runs.ts';
import { digestTasks } from '../store/weekly.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';
import { inTransaction } from '../db/transaction.ts';

export type DigestRun =
  | { status: 'noOpenCycle' | 'alreadyRan' }
  | { status: 'done'; week: string; parts: number; digest: Digest; delivered: boolean; portfolios: number };

/**
 * Builds the digest of the latest opened cycle, queues it for the leadership group and each
 * leader's own portfolio for that leader, keeps a snapshot for next week's comparison, and
 * closes the cycle, in one transaction; later answers count as late. Without
 * LEADERSHIP_CHAT_ID the cycle still closes and the caller is told the digest had nowhere to go.
 */
export async function runDigestStep({ db, config, t }: StepDeps, now: Date, claim?: StepClaim): Promise<DigestRun> {
  return inTransaction(db, async (trx): Promise<DigestRun> => {
    if (claim && !(await claimStepRun(trx, 'digest', claim.slot, claim.by, now))) return { status: 'alreadyRan' };
    const cycle = await latestOpenedCycle(trx);
    if (!cycle) return { status: 'noOpenCycle' };
    const week = cycleWeekOf(new Date(cycle.startsAt), config.timezone);
    const today = calendarDateIn(now, config.timezone);
    // One pass over the tasks feeds the group's digest, each leader's portfolio and the lights
    // of the attached table, so that no list of every task is held.
    const settings = { week, today, thresholds: config.thresholds };
    const group = new DigestBuilder({ ...settings, previous: await previousDigest(trx, cycle) });
    const portfolios = new Map<number, DigestBuilder>();
    const statuses = new Map<string, TaskStatus>();
    for (const task of await digestTasks(trx, cycle, milestonesThatMatterUntil(today, config.thresholds))) {
      const status = taskStatus(task.facts, today, config.thresholds);
      statuses.set(task.code, status);
      group.add(task, status);
      let portfolio = portfolios.get(task.leaderId);
      if (!portfolio) portfolios.set(task.leaderId, (portfolio = new DigestBuilder(settings)));
      portfolio.add(task, status);
    }
    const digest = group.digest();
    const messages = digestMessages(digest, t);

    const outgoing: OutgoingMessage[] = [];
    const chatId = config.leadershipChatId;
    if (chatId !== undefined) {
      const table = await digestWorkbook(await allTaskRecords(trx), statuses, { t, language: config.locale === 'en' ? 'en' : 'zh', timeZone: config.timezone });
      outgoing.push(
        ...messages.map((text, part) => ({ dedupeKey: `digest:${cycle.id}:${part}`, chatId, text, cycleId: cycle.id })),
        { dedupeKey: `digest-chart:${cycle.id}`, chatId, cycleId: cycle.id, text: t('digest.chartCaption', { week: cycle.week }), file: { kind: 'photo', bytes: digestChartPng(digest, t), name: `${cycle.week}.png` } },
        { dedupeKey: `digest-table:${cycle.id}`, chatId, cycleId: cycle.id, text: t('digest.tableCaption', { week: cycle.week }), file: { kind: 'document', bytes: table, name: t('digest.tableFile', { week: cycle.week }) } },
      );
    }

    const chats = await leaderChats(trx, [...portfolios.keys()]);
    for (const [leaderId, portfolio] of portfolios) {
      const leaderChat = chats.get(leaderId);
      if (leaderChat === undefined) continue;
      const parts = digestMessages(portfolio.digest(), t, { heading: 'portfolio' });
      outgoing.push(...parts.map((text, part) => ({ dedupeKey: `portfolio:${cycle.id}:${leaderId}:${part}`, chatId: leaderChat, text, personId: leaderId, cycleId: cycle.id })));
    }
    await enqueueMessages(trx, outgoing, now);
    await saveDigestSnapshot(trx, cycle.id, digest, now);
    await closeCycle(trx, cycle.id, now);
    return { status: 'done', week: cycle.week, parts: messages.length, digest, delivered: chatId !== undefined, portfolios: chats.size };
  });
}
