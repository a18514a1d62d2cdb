/**
 * Telegram's flood limits, kept on our side so that it never has to say 429: at most
 * `perSecond` messages in any second overall, one a second to a private chat, 20 a minute to a
 * group; and nothing at all while a `retry_after` is running. A message arrives at Telegram at
 * some moment between leaving and being answered, so it counts from when it leaves until a window
 * after its answer: a request held up on the way (a slow network, a paused process) cannot land
 * together with later ones and crowd Telegram's second. Windows are a little longer than
 * Telegram's (`marginMs`). Sends are paced evenly across the second rather than sent in a burst.
 *
 * @example const sending = limits.record(chatId, Date.now()); await send(); limits.answered(sending, Date.now())
 */
export interface SendLimitSettings {
  perSecond: number;
  privateChatIntervalMs?: number;
  groupPerMinute?: number;
  marginMs?: number;
}

/** A message that has left: it counts against the limits until a window after `answeredAt`. */
export interface Sending {
  readonly chatId: number;
  /** When Telegram answered (or the request failed); Infinity while it is on its way. */
  answeredAt: number;
}

export class SendLimits {
  private recent: Sending[] = [];
  private readonly lastToChat = new Map<number, Sending>();
  private readonly groupRecent = new Map<number, Sending[]>();
  private pausedUntil = 0;
  private nextSlot = 0;
  private readonly interval: number;
  private readonly window: number;
  private readonly chatInterval: number;
  private readonly groupWindow: number;
  private readonly groupPerMinute: number;

  constructor(private readonly settings: SendLimitSettings) {
    const margin = settings.marginMs ?? 25;
    this.window = 1000 + margin;
    this.chatInterval = (settings.privateChatIntervalMs ?? 1000) + margin;
    this.groupWindow = 60_000 + margin;
    this.groupPerMinute = settings.groupPerMinute ?? 20;
    this.interval = this.window / settings.perSecond;
  }

  /** Milliseconds before a message to this chat may leave: 0 means now. */
  delay(chatId: number, now: number): number {
    return Math.max(this.globalDelay(now), this.chatDelay(chatId, now));
  }

  /** Milliseconds before any message may leave: a retry_after, the pacing, the one-second window. */
  globalDelay(now: number): number {
    // Filtered, not shifted from the front: a request that hangs must hold one place, not all.
    this.recent = this.recent.filter((sending) => sending.answeredAt > now - this.window);
    const window = this.recent.length < this.settings.perSecond ? 0 : this.firstFree(this.recent, this.window, now);
    return Math.max(this.pausedUntil - now, this.nextSlot - now, window, 0);
  }

  /** Milliseconds before this chat may be written to again; other chats may go meanwhile. */
  chatDelay(chatId: number, now: number): number {
    if (chatId < 0) {
      const sent = (this.groupRecent.get(chatId) ?? []).filter((sending) => sending.answeredAt > now - this.groupWindow);
      this.groupRecent.set(chatId, sent);
      return sent.length < this.groupPerMinute ? 0 : this.firstFree(sent, this.groupWindow, now);
    }
    const last = this.lastToChat.get(chatId);
    return last === undefined ? 0 : this.firstFree([last], this.chatInterval, now);
  }

  /** A message leaves now; call `answered` with what this returns once Telegram has answered. */
  record(chatId: number, now: number): Sending {
    const sending: Sending = { chatId, answeredAt: Infinity };
    this.recent.push(sending);
    // Keeps the average exact when a timer fires late, without saving up a burst after idling.
    this.nextSlot = Math.max(this.nextSlot, now - this.interval) + this.interval;
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

  /** Telegram answered the message, or its request failed: it had arrived, if at all, by now. */
  answered(sending: Sending, now: number): void {
    sending.answeredAt = Math.min(sending.answeredAt, now);
  }

  /** Telegram said 429 with `retry_after`: nothing goes until then. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  get pausedUntilTime(): number {
    return this.pausedUntil;
  }

  /**
   * How long until the first of `sent` is a window past its answer; one still on its way counts
   * as a whole window (its answer wakes the sender anyway).
   */
  private firstFree(sent: readonly Sending[], window: number, now: number): number {
    let wait = window;
    for (const { answeredAt } of sent) if (answeredAt !== Infinity) wait = Math.min(wait, Math.max(0, answeredAt + window - now));
    return wait;
  }

  private forgetOld(now: number): void {
    for (const [chatId, sending] of this.lastToChat) if (sending.answeredAt <= now - this.chatInterval) this.lastToChat.delete(chatId);
  }
}
