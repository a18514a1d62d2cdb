import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import type { Digest } from '../domain/digest.ts';
import { DigestBuilder } from '../domain/digest-builder.ts';
import { taskStatus, type TaskStatus, type Thresholds } from '../domain/status.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { digestWorkbook } from '../io/digest-workbook.ts';
import { digestChartPngs } from '../render/digest-chart.ts';
import { digestMessages, onTrackLinesWithin } from '../render/digest-message.ts';
import { weekLabel } from '../render/week-label.ts';
import { latestAssessments } from '../store/assessment-results.ts';
import { allTaskRecords } from '../store/export-tasks.ts';
import { closeCycle, latestOpenedCycle, openedCycleOfWeek, type Cycle } from '../store/cycles.ts';
import { currentWorkCalendar, thresholdsIn } from '../flows/work-calendar.ts';
import type { WorkCalendar } from '../domain/work-calendar.ts';
import { digestInputsVersion, leaderChats, previousDigest, saveDigestSnapshot } from '../store/digest-snapshots.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { claimStepRun } from '../store/step-runs.ts';
import { digestTasks } from '../store/weekly.ts';
import type { StepClaim, StepDeps } from './step-deps.ts';

export type DigestRun =
  | { status: 'noOpenCycle' | 'alreadyRan' }
  | { status: 'done'; week: string; parts: number; digest: Digest; delivered: boolean; portfolios: number };

/** Times the digest is built outside the transaction before it is built inside it, holding the lock. */
const OPTIMISTIC_TRIES = 2;

interface BuiltDigest {
  digest: Digest;
  parts: number;
  outgoing: OutgoingMessage[];
  portfolios: number;
}

/** Telegram's most photos in one album. */
const ALBUM_MOST = 10;

/**
 * The chart's images as the group sees them: one photo, or albums of up to ten (a district's 80
 * units make one album of four), the caption on the first.
 */
function chartMessages(images: readonly Buffer[], to: { dedupeKey: string; chatId: number; cycleId: number; caption: string; name: string }): OutgoingMessage[] {
  const named = images.map((bytes, n) => ({ bytes, name: `${to.name}-${n + 1}.png` }));
  if (named.length === 1) return [{ dedupeKey: to.dedupeKey, chatId: to.chatId, cycleId: to.cycleId, text: to.caption, file: { kind: 'photo', ...named[0]! } }];
  const albums: OutgoingMessage[] = [];
  for (let from = 0; from < named.length; from += ALBUM_MOST) {
    const album = named.slice(from, from + ALBUM_MOST);
    // An album needs two photos: a last one alone goes as a photo.
    albums.push(album.length === 1
      ? { dedupeKey: `${to.dedupeKey}:${from}`, chatId: to.chatId, cycleId: to.cycleId, text: '', file: { kind: 'photo', ...album[0]! } }
      : { dedupeKey: `${to.dedupeKey}:${from}`, chatId: to.chatId, cycleId: to.cycleId, text: from === 0 ? to.caption : '', album });
  }
  return albums;
}

/**
 * The digest of a cycle, worded and drawn: the group's messages with the chart and the table,
 * each leader's portfolio. One pass over the tasks feeds all of them, so that no list of every
 * task is held.
 */
async function buildDigest({ config, t }: StepDeps, db: Db, cycle: Cycle, now: Date, rules: { thresholds: Thresholds; movedFrom: Digest['movedFrom'] }): Promise<BuiltDigest> {
  const { thresholds, movedFrom } = rules;
  const week = cycleWeekOf(new Date(cycle.startsAt), config.timezone);
  const today = calendarDateIn(now, config.timezone);
  const settings = { week, today, thresholds };
  const group = new DigestBuilder({ ...settings, previous: await previousDigest(db, cycle), onTrackListed: onTrackLinesWithin(config.digestMaxMessages), publicUrl: config.publicUrl, assessments: await latestAssessments(db), movedFrom });
  const portfolios = new Map<number, DigestBuilder>();
  const statuses = new Map<string, TaskStatus>();
  for await (const task of digestTasks(db, cycle, week)) {
    const status = taskStatus(task.facts, today, thresholds);
    statuses.set(task.code, status);
    group.add(task, status);
    let portfolio = portfolios.get(task.leaderId);
    if (!portfolio) portfolios.set(task.leaderId, (portfolio = new DigestBuilder(settings)));
    portfolio.add(task, status);
  }
  const digest = group.digest();
  const messages = digestMessages(digest, t, { budget: config.digestMaxMessages });

  const outgoing: OutgoingMessage[] = [];
  const chatId = config.leadershipChatId;
  if (chatId !== undefined) {
    const table = await digestWorkbook(await allTaskRecords(db), statuses, { t, language: config.locale === 'en' ? 'en' : 'zh', timeZone: config.timezone, week });
    outgoing.push(
      ...messages.map((text, part) => ({ dedupeKey: `digest:${cycle.id}:${part}`, chatId, text, cycleId: cycle.id })),
      ...chartMessages(digestChartPngs(digest, t), { dedupeKey: `digest-chart:${cycle.id}`, chatId, cycleId: cycle.id, caption: t('digest.chartCaption', { week: weekLabel(week, t) }), name: cycle.week }),
      { dedupeKey: `digest-table:${cycle.id}`, chatId, cycleId: cycle.id, text: t('digest.tableCaption', { week: weekLabel(week, t) }), file: { kind: 'document', bytes: table, name: t('digest.tableFile', { week: cycle.week }) } },
    );
  }
  const chats = await leaderChats(db, [...portfolios.keys()]);
  for (const [leaderId, portfolio] of portfolios) {
    const leaderChat = chats.get(leaderId);
    if (leaderChat === undefined) continue;
    const parts = digestMessages(portfolio.digest(), t, { heading: 'portfolio' });
    outgoing.push(...parts.map((text, part) => ({ dedupeKey: `portfolio:${cycle.id}:${leaderId}:${part}`, chatId: leaderChat, text, personId: leaderId, cycleId: cycle.id })));
  }
  return { digest, parts: messages.length, outgoing, portfolios: chats.size };
}

/** The day a moved digest was due, and the holiday that moved it, as the calendar names it. */
function movedFromOf(calendar: WorkCalendar, timeZone: string, slot: Date): Digest['movedFrom'] {
  const day = calendarDateIn(slot, timeZone);
  return { day, holiday: calendar.markOf(day)?.name ?? null };
}

/**
 * Builds the digest of a cycle — a scheduled run's own week's, else the latest opened — queues it for the leadership group and each
 * leader's own portfolio for that leader, keeps a snapshot for next week's comparison, and
 * closes the cycle; later answers count as late. Without LEADERSHIP_CHAT_ID the cycle still
 * closes and the caller is told the digest had nowhere to go.
 *
 * The digest is read, worded and drawn (the chart, the workbook: most of its time) outside any
 * transaction, so that answers are taken and acknowledged meanwhile; the short transaction that
 * queues it and closes the cycle first checks that nothing it read has changed since, and if
 * something has, it is built again (the last time inside the transaction, so that it ends).
 */
export async function runDigestStep(deps: StepDeps, now: Date, claim?: StepClaim): Promise<DigestRun> {
  const { db, config } = deps;
  // A scheduled digest is its slot's week's, also when a holiday moved it into the next week
  // (after that week's prompt); `cli digest` takes the latest cycle opened.
  const cycleToDigest = (from: Db) => (claim ? openedCycleOfWeek(from, cycleWeekOf(claim.slot, config.timezone).week) : latestOpenedCycle(from));
  const calendar = await currentWorkCalendar(db, config);
  const rules = { thresholds: thresholdsIn(calendar, config, now), movedFrom: claim?.movedFrom ? movedFromOf(calendar, config.timezone, claim.movedFrom) : null };
  for (let attempt = 1; ; attempt += 1) {
    const optimistic = attempt <= OPTIMISTIC_TRIES;
    const version = await digestInputsVersion(db);
    const cycle = await cycleToDigest(db);
    const built = optimistic && cycle ? await buildDigest(deps, db, cycle, now, rules) : undefined;
    const run = await inTransaction(db, async (trx): Promise<DigestRun | 'changed'> => {
      if (claim && !(await claimStepRun(trx, 'digest', claim.slot, claim.by, now))) return { status: 'alreadyRan' };
      const current = await cycleToDigest(trx);
      if (!current) return { status: 'noOpenCycle' };
      if (optimistic && (current.id !== cycle?.id || (await digestInputsVersion(trx)) !== version)) return 'changed';
      const { digest, parts, outgoing, portfolios } = built ?? (await buildDigest(deps, trx, current, now, rules));
      await enqueueMessages(trx, outgoing, now);
      await saveDigestSnapshot(trx, current.id, digest, now);
      await closeCycle(trx, current.id, now);
      return { status: 'done', week: current.week, parts, digest, delivered: deps.config.leadershipChatId !== undefined, portfolios };
    });
    if (run !== 'changed') return run;
  }
}
