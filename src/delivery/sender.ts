import type { Telegram } from 'telegraf';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { keepLease, thisProcess } from '../jobs/lease-keeper.ts';
import { albumOf, attachmentOf, claimedMessages, claimMessages, markFailed, markRetry, markSent, markUnreachable, releaseClaims, takeOverClaims, unreachableAmong, type SentMessage } from '../store/outbox.ts';
import { classifySendFailure, retryDelayMs } from './send-failure.ts';
import { SendLimits, type Sending } from './send-limits.ts';

export interface Sender {
  /** Looks at the outbox now rather than at the next poll. */
  wake(): void;
  /** Resolves once every message Telegram has accepted for this chat is recorded as sent. */
  recorded(chatId: number): Promise<void>;
  /** Lets the messages in flight finish, then stops. */
  stop(): Promise<void>;
}

export interface SenderOptions {
  db: Db;
  telegram: Telegram;
  logger: Logger;
  now: () => Date;
  /** How often to look for rows written by another process (the admin CLI). */
  pollMs: number;
  /** At most this many messages a second, all chats together. */
  ratePerSecond: number;
  /** Told of each send's outcome, for /metrics. */
  observer?: SendObserver;
  /** Who this process is, as the `sender` lease and the outbox's claims name it; by default `thisProcess()`. */
  holder?: string;
  /** How long the `sender` lease lasts unless renewed (its claims live as long); by default 15 s. */
  leaseMs?: number;
}

/** What the sender tells /metrics: how long Telegram took, and when it said to slow down. */
export interface SendObserver {
  answered(seconds: number, ok: boolean): void;
  rateLimited(retryAfterSeconds: number): void;
}

const MAX_ATTEMPTS = 8;
/**
 * Pending rows read at once: a few seconds' worth at the rate, so that when the oldest wait on
 * their chat's one-a-second limit, rows behind them are already in hand to go meanwhile.
 */
const batchFor = (ratePerSecond: number) => Math.max(1_000, 5 * ratePerSecond);
/** Unclaimed rows taken at one look: a fan-out's whole week of prompts, in one statement. */
const CLAIM_AT_ONCE = 20_000;
/** Pending rows are read again at least this often, to see what another process queued. */
const REREAD_MS = 1_000;
/** Nor more often than this when woken: a burst of replies must not mean a read each. */
const MIN_REREAD_MS = 20;
/** How long what Telegram accepted waits to be recorded with what it accepts next. */
const SENT_BATCH_MS = 10;
/** Requests on their way at once, at the least; more as rate × how long a send holds its place needs (SendLimits.inFlightNeeded). */
const MIN_IN_FLIGHT = 32;
/** Not a message: the answer to a tapped button counts against no flood limit. */
const countsAsMessage = (row: Row) => row.method !== 'answerCallbackQuery';

type Row = Awaited<ReturnType<typeof claimedMessages>>[number];

/**
 * Delivers the outbox: in order within each chat, many chats at once, within Telegram's limits
 * (SendLimits). A row is marked sent only after Telegram has answered with its message id, so
 * a process killed at any instant loses nothing and repeats at most the messages in flight.
 * A 429 stops everything for exactly its retry_after; a 403 marks the chat unreachable; any
 * other 4xx is recorded and never retried; 5xx and network errors are retried with backoff.
 *
 * Of several processes on one database, one sends: the holder of the `sender` lease, so that
 * Telegram's limits and each chat's order are kept in one place. It claims the rows it will send
 * (`claimMessages`), its claims living as long as its lease; if it dies, another process takes the
 * lease once it runs out, and with it the rows the dead one had claimed and not sent.
 */
export function startSender(options: SenderOptions): Sender {
  const { db, telegram, logger } = options;
  const holder = options.holder ?? thisProcess();
  const lease = keepLease({
    db, name: 'sender', holder, leaseMs: options.leaseMs ?? 15_000, logger,
    // The rows a dead sender claimed are this one's now: its lease has run out, or this one could not have taken it.
    onGained: () => void takeOverClaims(db, holder, new Date()).then((taken) => {
      if (taken > 0) logger.info({ taken }, 'took over the messages a stopped sender had claimed');
      stale = true;
      wakeUp?.();
    }),
    // What it had claimed is the next holder's to take over: forget it, send none of it.
    onLost: () => void (rows = []),
  });
  const limits = new SendLimits({ perSecond: options.ratePerSecond });
  const maxInFlight = () => Math.max(MIN_IN_FLIGHT, limits.inFlightNeeded());
  const inFlight = new Set<number>();
  const inFlightIds = new Set<number>();
  const sends = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      wakeUp = done;
    });

  /**
   * What Telegram accepted, recorded as sent together a few milliseconds later: one commit for
   * many messages. A message stays in flight (never read again as pending) until its batch is
   * written, so a process killed meanwhile repeats at most these few; `recorded` lets a reply to
   * one of them wait for its record (what a reply to it means).
   */
  type SentBatch = { messages: SentMessage[]; written: Promise<void>; settled: Promise<void> };
  let sentBatch: SentBatch | undefined;
  const recording = new Map<number, Promise<void>>();
  function recordSent(message: SentMessage): Promise<void> {
    if (!sentBatch) {
      const messages: SentMessage[] = [];
      const written = new Promise<void>((resolve) => setTimeout(resolve, SENT_BATCH_MS)).then(() => {
        if (sentBatch?.messages === messages) sentBatch = undefined;
        return markSent(db, messages, options.now());
      });
      const settled = written.catch(() => undefined);
      void settled.then(() => {
        for (const { chatId } of messages) if (recording.get(chatId) === settled) recording.delete(chatId);
      });
      sentBatch = { messages, written, settled };
    }
    sentBatch.messages.push(message);
    recording.set(message.chatId, sentBatch.settled);
    return sentBatch.written;
  }

  async function send(row: Row, sending: Sending | undefined): Promise<void> {
    try {
      const payload = (countsAsMessage(row) ? { chat_id: row.chatId, ...JSON.parse(row.payload) } : JSON.parse(row.payload)) as Record<string, unknown>;
      const file = row.method === 'sendPhoto' || row.method === 'sendDocument' ? await attachmentOf(db, row.id) : undefined;
      if (file?.attachment) payload[row.method === 'sendPhoto' ? 'photo' : 'document'] = { source: file.attachment, filename: file.attachmentName ?? 'file' };
      if (row.method === 'sendMediaGroup') {
        const photos = await albumOf(db, row.id);
        payload.media = (payload.media as object[]).map((item, i) => ({ ...item, media: { source: photos[i]!.bytes, filename: photos[i]!.name } }));
      }
      const calledAt = performance.now();
      const answer = (await telegram.callApi(row.method, payload as never).finally(() => sending && limits.answered(sending, Date.now())).then(
        (ok) => (options.observer?.answered((performance.now() - calledAt) / 1000, true), ok),
        (error: unknown) => {
          options.observer?.answered((performance.now() - calledAt) / 1000, false);
          throw error;
        },
      )) as { message_id?: number } | { message_id?: number }[] | boolean | null;
      // An album is answered with its messages; a reply to it is a reply to the first.
      const sent = Array.isArray(answer) ? answer[0] : answer;
      await recordSent({ id: row.id, chatId: row.chatId, messageId: typeof sent === 'object' && sent !== null ? (sent.message_id ?? null) : null, taskId: row.taskId, linkPurpose: row.linkPurpose, linkRefId: row.linkRefId });
    } catch (error) {
      stale = true;
      const failure = classifySendFailure(error);
      const at = Date.now();
      switch (failure.kind) {
        case 'rateLimited':
          limits.pauseUntil(at + failure.retryAfterSeconds * 1000);
          options.observer?.rateLimited(failure.retryAfterSeconds);
          logger.warn({ outboxId: row.id, retryAfter: failure.retryAfterSeconds, pausedFrom: at, pausedUntil: limits.pausedUntilTime }, 'Telegram asked us to slow down; pausing all sends');
          await markRetry(db, row.id, `429 retry after ${failure.retryAfterSeconds}s`, new Date(at + failure.retryAfterSeconds * 1000), false);
          break;
        case 'unreachable':
          await markUnreachable(db, row.chatId, failure.description, options.now());
          logger.warn({ outboxId: row.id, chatId: row.chatId, reason: failure.description }, 'chat unreachable; not sending to it until they write again');
          break;
        case 'rejected':
          await markFailed(db, row.id, `${failure.status} ${failure.description}`);
          logger.error({ outboxId: row.id, chatId: row.chatId, status: failure.status, reason: failure.description }, 'Telegram rejected a message; not retrying');
          break;
        case 'transient':
          if (row.attempts + 1 >= MAX_ATTEMPTS) {
            await markFailed(db, row.id, failure.description);
            logger.error({ outboxId: row.id, chatId: row.chatId, attempts: row.attempts + 1, reason: failure.description }, 'message not delivered after retries');
          } else {
            await markRetry(db, row.id, failure.description, new Date(at + retryDelayMs(row.attempts + 1)), true);
            logger.warn({ outboxId: row.id, chatId: row.chatId, attempts: row.attempts + 1, reason: failure.description }, 'send failed; will retry');
          }
      }
    }
  }

  function dispatch(row: Row): void {
    const sending = countsAsMessage(row) ? limits.record(row.chatId, Date.now()) : undefined;
    logger.debug({ outboxId: row.id, chatId: row.chatId }, 'sending');
    inFlight.add(row.chatId);
    inFlightIds.add(row.id);
    const dispatchedAt = Date.now();
    const done = send(row, sending)
      .catch((error: unknown) => logger.error({ err: error, outboxId: row.id }, 'could not record a send'))
      .finally(() => {
        // send() marks the answer as it comes; this covers a send that failed before reaching Telegram.
        if (sending) limits.answered(sending, Date.now(), { roundTrip: false });
        limits.released(Date.now() - dispatchedAt);
        inFlight.delete(row.chatId);
        inFlightIds.delete(row.id);
        leftFlightDuringRead?.add(row.id);
        sends.delete(done);
        wakeUp?.();
      });
    sends.add(done);
  }

  /**
   * The oldest pending rows, read again only when needed: at a few hundred sends a second a pass
   * runs every few milliseconds, and reading the outbox each time would cost more than sending.
   */
  let rows: Row[] = [];
  /**
   * Rows whose send ended while pending rows were being read: the read may have seen them pending
   * before their record as sent committed (on PostgreSQL the read is a round trip, not a moment).
   */
  let leftFlightDuringRead: Set<number> | undefined;
  let unreachable = new Set<number>();
  let readAt = 0;
  let stale = true;
  async function pendingRows(): Promise<Row[]> {
    const age = Date.now() - readAt;
    if (rows.length === 0 || age >= REREAD_MS || (stale && age >= MIN_REREAD_MS)) {
      const batch = batchFor(options.ratePerSecond);
      // All that is pending is this sender's to send; claimed now, it is read from among its claims.
      await claimMessages(db, holder, CLAIM_AT_ONCE);
      // A row in flight still reads as pending; it must not be sent again once its send returns.
      const leftFlight = (leftFlightDuringRead = new Set());
      try {
        rows = (await claimedMessages(db, holder, batch)).filter((row) => !inFlightIds.has(row.id) && !leftFlight.has(row.id));
      } finally {
        leftFlightDuringRead = undefined;
      }
      unreachable = await unreachableAmong(db, [...new Set(rows.map((row) => row.chatId))]);
      readAt = Date.now();
      stale = false;
    }
    return rows;
  }

  /** One pass over the oldest pending rows; returns how long to wait before the next. */
  async function pass(): Promise<number> {
    if (!lease.holding()) return options.pollMs;
    const pending = await pendingRows();
    if (pending.length === 0) return options.pollMs;
    const done = new Set<Row>();
    try {
      return await passOver(pending, done);
    } finally {
      if (done.size > 0) rows = rows.filter((row) => !done.has(row));
    }
  }

  async function passOver(pending: Row[], done: Set<Row>): Promise<number> {
    const held = new Set<number>();
    let wait = options.pollMs;
    for (const row of pending) {
      if (stopped || !lease.holding()) break;
      if (held.has(row.chatId)) continue;
      if (unreachable.has(row.chatId)) {
        done.add(row);
        await markFailed(db, row.id, 'unreachable: the chat blocked the bot');
        continue;
      }
      const now = Date.now();
      const retryAt = row.nextAttemptAt ? Date.parse(row.nextAttemptAt) : 0;
      const counted = countsAsMessage(row);
      const chatDelay = counted ? limits.chatDelay(row.chatId, now) : 0;
      if (retryAt > now || inFlight.has(row.chatId) || chatDelay > 0) {
        held.add(row.chatId);
        if (retryAt > now) wait = Math.min(wait, retryAt - now);
        else if (!inFlight.has(row.chatId)) wait = Math.min(wait, chatDelay);
        continue;
      }
      const globalDelay = counted ? limits.globalDelay(now) : Math.max(0, limits.pausedUntilTime - now);
      if (globalDelay > 0) return Math.min(globalDelay, wait);
      if (sends.size >= maxInFlight()) return 0;
      held.add(row.chatId);
      done.add(row);
      dispatch(row);
    }
    return sends.size >= maxInFlight() ? 0 : wait;
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        const wait = await pass();
        if (stopped) break;
        if (wait === 0 && sends.size >= maxInFlight()) await Promise.race(sends);
        else await nap(wait);
      } catch (error) {
        logger.error({ err: error }, 'delivery pass failed; retrying');
        await nap(options.pollMs);
      }
    }
    await Promise.allSettled([...sends]);
    await sentBatch?.settled;
    await releaseClaims(db, holder).catch((error: unknown) => logger.warn({ err: error }, 'could not let go of the claimed messages'));
    await lease.stop();
  })();

  return {
    recorded: (chatId) => recording.get(chatId) ?? Promise.resolve(),
    wake: () => {
      stale = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
