const SAMPLES = 256;
/** Below this many answers the spread is not known yet, and the margin stays at its safe default. */
const ENOUGH = 16;
/** Round trips older than this say nothing of the line now: a burst of local work passes. */
const MEMORY_MS = 1_000;

/**
 * The round trips of the latest sends to Telegram, and what follows from them for the limits:
 * how far apart two messages that left a given time apart can land (the margin), and how many
 * requests must be on their way at once to keep a rate.
 *
 * A message lands some time after it leaves; what varies between messages is not the round trip
 * itself but its spread. How the spread divides between the way there and the way back cannot be
 * told from round trips alone, so the margin is the whole spread: however a request is held up on
 * its way there (a slow link, a paused process), it lands no later than that after the fastest.
 * The spread is that of the last second's round trips (at least the latest 16, at most 256),
 * so that a moment of local load widens it only for as long as it lasts.
 *
 * @example trips.observe(150, Date.now()); trips.marginMs() // the spread of what was observed, plus the floor
 */
export class RoundTrips {
  private readonly samples: { ms: number; at: number }[] = [];
  private margin: number;
  private slowest = 0;
  private observed = 0;

  constructor(private readonly settings: { floorMs: number; defaultMarginMs: number }) {
    this.margin = settings.defaultMarginMs;
  }

  observe(ms: number, at: number): void {
    this.samples.push({ ms, at });
    if (this.samples.length > SAMPLES) this.samples.shift();
    this.slowest = Math.max(this.slowest, ms);
    this.observed += 1;
    // Worked out again every few answers, not per send: a send asks for the margin several times.
    if (this.samples.length >= ENOUGH && this.observed % 8 === 0) this.learn(at);
  }

  private learn(now: number): void {
    let first = this.samples.findIndex((sample) => sample.at > now - MEMORY_MS);
    if (first < 0 || this.samples.length - first < ENOUGH) first = this.samples.length - ENOUGH;
    const sorted = this.samples.slice(first).map((sample) => sample.ms).sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    // The spread between the 1st and the 99th percentile: one stray sample does not set it, but
    // a run of held-up requests (a few in a hundred) does.
    this.margin = q(0.99) - q(0.01) + this.settings.floorMs;
    this.slowest = sorted.at(-1)!;
  }

  /** How much longer than Telegram's own window a message must count. */
  marginMs(): number {
    return this.margin;
  }

  /** The slowest of the latest round trips: how long a request may be on its way. */
  slowestMs(): number {
    return this.slowest;
  }
}
