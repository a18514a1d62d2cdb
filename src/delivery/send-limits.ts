/**
 * Telegram's flood limits, kept on our side so that it never has to say 429: at most
 * `perSecond` messages in any second overall, one a second to a private chat, 20 a minute to a
 * group; and nothing at all while a `retry_after` is running. Windows are a little longer than
 * Telegram's (`marginMs`), because a request arrives a moment after it leaves. Sends are paced
 * evenly across the second rather than sent in a burst: a burst's requests land with scattered
 * delays and would crowd the next second at Telegram's end.
 *
 * @example const limits = new SendLimits({ perSecond: 30 }); limits.delay(chatId, Date.now()) // 0: send now
 */
export interface SendLimitSettings {
  perSecond: number;
  privateChatIntervalMs?: number;
  groupPerMinute?: number;
  marginMs?: number;
}

export class SendLimits {
  private readonly recent: number[] = [];
  private readonly lastToChat = new Map<number, number>();
  private readonly groupRecent = new Map<number, number[]>();
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
    while (this.recent.length > 0 && this.recent[0]! <= now - this.window) this.recent.shift();
    const window = this.recent.length < this.settings.perSecond ? 0 : this.recent[0]! + this.window - now;
    return Math.max(this.pausedUntil - now, this.nextSlot - now, window, 0);
  }

  /** Milliseconds before this chat may be written to again; other chats may go meanwhile. */
  chatDelay(chatId: number, now: number): number {
    if (chatId < 0) {
      const sent = (this.groupRecent.get(chatId) ?? []).filter((at) => at > now - this.groupWindow);
      this.groupRecent.set(chatId, sent);
      return sent.length < this.groupPerMinute ? 0 : sent[0]! + this.groupWindow - now;
    }
    const last = this.lastToChat.get(chatId);
    return last === undefined ? 0 : Math.max(0, last + this.chatInterval - now);
  }

  record(chatId: number, now: number): void {
    this.recent.push(now);
    // Keeps the average exact when a timer fires late, without saving up a burst after idling.
    this.nextSlot = Math.max(this.nextSlot, now - this.interval) + this.interval;
    if (chatId < 0) {
      const sent = this.groupRecent.get(chatId) ?? [];
      sent.push(now);
      this.groupRecent.set(chatId, sent);
    } else {
      this.lastToChat.set(chatId, now);
      if (this.lastToChat.size > 50_000) this.forgetOld(now);
    }
  }

  /** Telegram said 429 with `retry_after`: nothing goes until then. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  get pausedUntilTime(): number {
    return this.pausedUntil;
  }

  private forgetOld(now: number): void {
    for (const [chatId, at] of this.lastToChat) if (at <= now - this.chatInterval) this.lastToChat.delete(chatId);
  }
}
