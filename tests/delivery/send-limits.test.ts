import { describe, expect, it } from 'vitest';
import { classifySendFailure, retryDelayMs } from '../../src/delivery/send-failure.ts';
import { SendLimits } from '../../src/delivery/send-limits.ts';

/** Sends as many as the limits allow from `start` for `ms`, stepping 1 ms, each answered at once; returns when each left. */
function simulate(limits: SendLimits, chats: () => number, start: number, ms: number): number[] {
  const sent: number[] = [];
  for (let now = start; now < start + ms; now += 1) {
    for (let tries = 0; tries < 10; tries += 1) {
      const chat = chats();
      if (limits.delay(chat, now) > 0) break;
      limits.answered(limits.record(chat, now), now);
      sent.push(now);
    }
  }
  return sent;
}

describe('send limits', () => {
  it('never lets more than perSecond leave in any second, and runs close to it', () => {
    let chat = 0;
    const sent = simulate(new SendLimits({ perSecond: 30 }), () => ++chat, 0, 10_000);
    for (const at of sent) expect(sent.filter((other) => other > at - 1000 && other <= at).length).toBeLessThanOrEqual(30);
    expect(sent.length).toBeGreaterThanOrEqual(10 * 30 * 0.95);
  });

  it('paces sends evenly instead of in a burst', () => {
    let chat = 0;
    const sent = simulate(new SendLimits({ perSecond: 100 }), () => ++chat, 0, 1000);
    expect(sent.filter((at) => at < 100).length).toBeLessThanOrEqual(12);
  });

  it('sends to one private chat at most once a second, and to a group at most 20 times a minute', () => {
    const limits = new SendLimits({ perSecond: 1000 });
    expect(simulate(limits, () => 42, 0, 5_000).length).toBeLessThanOrEqual(5);
    const group = simulate(new SendLimits({ perSecond: 1000 }), () => -100, 0, 120_000);
    for (const at of group) expect(group.filter((other) => other > at - 60_000 && other <= at).length).toBeLessThanOrEqual(20);
    expect(group.length).toBeGreaterThanOrEqual(38);
  });

  it('counts a message from when it leaves for a second plus the spread of the round trips it has seen', () => {
    const limits = new SendLimits({ perSecond: 1, floorMarginMs: 5, defaultMarginMs: 100 });
    // Before any answer the margin is the safe default.
    limits.answered(limits.record(1, 0), 150);
    expect(limits.delay(2, 1_000)).toBe(100);
    // Round trips of 120–200 ms: a message may land up to 80 ms later than the fastest; the floor adds 5.
    for (let i = 0; i < 40; i += 1) limits.roundTrips.observe(120 + (i % 9) * 10, 0);
    expect(limits.roundTrips.marginMs()).toBe(85);
    const at = limits.record(3, 10_000);
    limits.answered(at, 10_160);
    expect(limits.delay(4, 11_000)).toBe(85);
    expect(limits.delay(4, 11_085)).toBe(0);
    // Not the whole round trip: a slow but steady line costs nothing but its spread.
    for (let i = 0; i < 256; i += 1) limits.roundTrips.observe(900, 0);
    expect(limits.roundTrips.marginMs()).toBe(5);
  });

  it('keeps requests in flight in proportion to rate × round trip, so that a far Telegram is kept at the limit', () => {
    const limits = new SendLimits({ perSecond: 1000 });
    for (let i = 0; i < 100; i += 1) limits.roundTrips.observe(150, 0);
    expect(limits.inFlightNeeded()).toBeGreaterThanOrEqual(150);
  });

  it('lets a request that hangs hold one place in the second, not stop every send', () => {
    const limits = new SendLimits({ perSecond: 2, defaultMarginMs: 25 });
    limits.record(1, 0);
    limits.answered(limits.record(2, 600), 600);
    // At 1,700 the answered one left more than a second and the margin ago; the hung one still counts.
    expect(limits.globalDelay(1_700)).toBe(0);
    limits.answered(limits.record(3, 1_700), 1_700);
    expect(limits.globalDelay(1_800)).toBe(925);
  });

  it('holds everything back until a retry_after has passed', () => {
    const limits = new SendLimits({ perSecond: 30 });
    limits.pauseUntil(5_000);
    expect(limits.delay(1, 1_000)).toBe(4_000);
    expect(limits.delay(2, 4_999)).toBe(1);
    expect(limits.delay(3, 5_000)).toBe(0);
  });

  it("tells a chat's own wait apart from the wait for everyone, so other chats may go first", () => {
    const limits = new SendLimits({ perSecond: 30, defaultMarginMs: 25 });
    limits.answered(limits.record(7, 0), 0);
    expect(limits.chatDelay(7, 500)).toBe(525);
    expect(limits.chatDelay(8, 500)).toBe(0);
    expect(limits.globalDelay(10)).toBeLessThan(40);
  });
});

describe('what a failed send means', () => {
  const telegramError = (error_code: number, description: string, parameters?: object) => Object.assign(new Error(description), { response: { ok: false, error_code, description, parameters } });

  it('reads 429, 403, other 4xx, 5xx and network errors as Telegram means them', () => {
    expect(classifySendFailure(telegramError(429, 'Too Many Requests', { retry_after: 7 }))).toEqual({ kind: 'rateLimited', retryAfterSeconds: 7 });
    expect(classifySendFailure(telegramError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ kind: 'unreachable' });
    expect(classifySendFailure(telegramError(400, 'Bad Request: can\'t parse entities'))).toMatchObject({ kind: 'rejected', status: 400 });
    expect(classifySendFailure(telegramError(502, 'Bad Gateway'))).toMatchObject({ kind: 'transient' });
    expect(classifySendFailure(Object.assign(new Error('request to … failed, reason: ECONNRESET'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'transient' });
  });

  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 1)).toBe(1500);
    expect(retryDelayMs(4, () => 0.5)).toBe(8000);
    expect(retryDelayMs(30, () => 0.5)).toBe(300_000);
  });
});
