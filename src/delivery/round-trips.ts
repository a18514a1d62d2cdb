const SAMPLES = 256;
/** Below this many answers the spread is not known yet, and the margin stays at its safe default. */
const ENOUGH = 16;

/**
 * The round trips of the latest sends to Telegram, and what follows from them for the limits:
 * how far apart two messages that left a given time apart can land (the margin), and how many
 * requests must be on their way at once to keep a rate.
 *
 * A message lands some time after it leaves; what varies between messages is not the round trip
 * itself but its spread. How the spread divides between the way there and the way back cannot be
 * told from round trips alone, so the margin is the whole spread: however a request is held up on
 * its way there (a slow link, a paused process), it lands no later than that after the fastest.
 *
 * @example trips.observe(150); trips.marginMs() // the spread of what was observed, plus the floor
 */
export class RoundTrips {
  private readonly samples: number[] = [];
  private next = 0;
  private margin: number;
  private slowest = 0;

  constructor(private readonly settings: { floorMs: number; defaultMarginMs: number }) {
    this.margin = settings.defaultMarginMs;
  }

  observe(ms: number): void {
    if (this.samples.length < SAMPLES) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
    this.slowest = Math.max(this.slowest, ms);
    // Worked out again every few answers, not per send: a send asks for the margin several times.
    if (this.samples.length >= ENOUGH && this.next % 8 === 0) this.learn();
  }

  private learn(): void {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    // The spread between the 1st and the 99th percentile: one stray sample does not set it, but
    // a run of held-up requests (a few in a hundred) does.
    this.margin = at(0.99) - at(0.01) + this.settings.floorMs;
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
