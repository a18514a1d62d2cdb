import { RoundTrips } from './round-trips.ts';

/**
 * Telegram's flood limits, kept on our side so that it never has to say 429: at most
 * `perSecond` messages in any second overall, one a second to a private chat, 20 a minute to a
 * group; and nothing at all while a `retry_after` is running. Telegram counts a message when it
 * arrives, some time after it leaves: a message counts here from when it leaves, for Telegram's
 * window plus a margin learned from the spread of the round trips (RoundTrips), so that however
 * the messages are spread on their way, no second at Telegram's end sees more than the limit. A
 * request still unanswered past that counts on until its answer: one that hangs holds its place.
 * Sends are paced evenly across the second rather than sent in a burst.
 *
 * @example const sending = limits.record(chatId, Date.now()); await send(); limits.answered(sending, Date.now())
 */
export interface SendLimitSettings {
  perSecond: number;
  privateChatIntervalMs?: number;
  groupPerMinute?: number;
  /** The least margin, and the margin before any round trip was seen. */
  floorMarginMs?: number;
  defaultMarginMs?: number;
}

/** A message that has left: it counts against the limits from `leftAt`. */
export interface Sending {
  readonly chatId: number;
  readonly leftAt: number;
  /** When Telegram answered (or the request failed); Infinity while it is on its way. */
  answeredAt: number;
}

export class SendLimits {
  /** What left within the window, oldest first; `hanging`: left before it, still unanswered. */
  private readonly recent: Sending[] = [];
  private hanging: Sending[] = [];
  private readonly lastToChat = new Map<number, Sending>();
  private readonly groupRecent = new Map<number, Sending[]>();
  private pausedUntil = 0;
  private nextSlot = 0;
  private readonly holds: number[] = [];
  private readonly chatInterval: number;
  private readonly groupPerMinute: number;
  readonly roundTrips: RoundTrips;

  constructor(private readonly settings: SendLimitSettings) {
    this.chatInterval = settings.privateChatIntervalMs ?? 1000;
    this.groupPerMinute = settings.groupPerMinute ?? 20;
    this.roundTrips = new RoundTrips({ floorMs: settings.floorMarginMs ?? 5, defaultMarginMs: settings.defaultMarginMs ?? 100 });
  }

  /** Milliseconds before a message to this chat may leave: 0 means now. */
  delay(chatId: number, now: number): number {
    return Math.max(this.globalDelay(now), this.chatDelay(chatId, now));
  }

  /** Milliseconds before any message may leave: a retry_after, the pacing, the one-second window. */
  globalDelay(now: number): number {
    const window = 1000 + this.roundTrips.marginMs();
    // Asked before every send: the window is kept in order and trimmed from its old end.
    while (this.recent.length > 0 && this.recent[0]!.leftAt <= now - window) {
      const old = this.recent.shift()!;
      if (old.answeredAt === Infinity) this.hanging.push(old);
    }
    if (this.hanging.length > 0) this.hanging = this.hanging.filter((sending) => sending.answeredAt === Infinity);
    const full = this.recent.length + this.hanging.length < this.settings.perSecond ? 0 : firstFree(this.recent, window, now);
    // A send whose slot comes within a few ms goes now: a timer fires about once a millisecond,
    // so at a thousand a second, one send per firing would fall well short of the pace.
    return Math.max(this.pausedUntil - now, this.nextSlot - now - PACING_SLACK_MS, full, 0);
  }

  /** Milliseconds before this chat may be written to again; other chats may go meanwhile. */
  chatDelay(chatId: number, now: number): number {
    const margin = this.roundTrips.marginMs();
    if (chatId < 0) {
      const window = 60_000 + margin;
      const sent = (this.groupRecent.get(chatId) ?? []).filter((sending) => counts(sending, window, now));
      this.groupRecent.set(chatId, sent);
      return sent.length < this.groupPerMinute ? 0 : firstFree(sent, window, now);
    }
    const last = this.lastToChat.get(chatId);
    return last === undefined ? 0 : firstFree([last], this.chatInterval + margin, now);
  }

  /** A message leaves now; call `answered` with what this returns once Telegram has answered. */
  record(chatId: number, now: number): Sending {
    const sending: Sending = { chatId, leftAt: now, answeredAt: Infinity };
    this.recent.push(sending);
    const interval = (1000 + this.roundTrips.marginMs()) / this.settings.perSecond;
    // Keeps the average exact when a timer fires late, without saving up a burst after idling.
    this.nextSlot = Math.max(this.nextSlot, now - interval) + interval;
    if (chatId < 0) {
      const sent = this.groupRecent.get(chatId) ?? [];
      sent.push(sending);
      this.groupRecent.set(chatId, sent);
    } else {
      this.lastToChat.set(chatId, sending);
      if (this.lastToChat.size > 50_000) this.forgetOld(now);
    }
    return sending;
  }

  /** Telegram answered the message (its round trip is learned), or its request failed. */
  answered(sending: Sending, now: number, { roundTrip = true } = {}): void {
    if (sending.answeredAt !== Infinity) return;
    sending.answeredAt = now;
    if (roundTrip) this.roundTrips.observe(now - sending.leftAt, now);
  }

  /** Telegram said 429 with `retry_after`: nothing goes until then. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  get pausedUntilTime(): number {
    return this.pausedUntil;
  }

  /**
   * A send let go of its place after `ms`: its round trip, and recording it as sent. How long
   * the latest sends held theirs sets how many must be on their way at once.
   */
  released(ms: number): void {
    this.holds.push(ms);
    if (this.holds.length > 64) this.holds.shift();
  }

  /** How many requests must be on their way at once to keep the rate, with room to spare. */
  inFlightNeeded(): number {
    const longest = Math.max(this.roundTrips.slowestMs(), ...this.holds);
    return Math.ceil((this.settings.perSecond * longest * 1.5) / 1000);
  }

  private forgetOld(now: number): void {
    const window = this.chatInterval + this.roundTrips.marginMs();
    for (const [chatId, sending] of this.lastToChat) if (!counts(sending, window, now)) this.lastToChat.delete(chatId);
  }
}

const PACING_SLACK_MS = 4;

/** A message counts for a window after it left, and for as long as it is unanswered. */
const counts = (sending: Sending, window: number, now: number) => sending.leftAt > now - window || sending.answeredAt === Infinity;

/**
 * How long until the first of `sent` (oldest first) stops counting; one still on its way counts
 * as a whole window (its answer wakes the sender anyway).
 */
function firstFree(sent: readonly Sending[], window: number, now: number): number {
  for (const { leftAt, answeredAt } of sent) if (answeredAt !== Infinity) return Math.max(0, leftAt + window - now);
  return window;
}
