const SAMPLES = 256;
/** Below this many answers the spread is not known yet, and the margin stays at its safe default. */
const ENOUGH = 16;

/**
 * The round trips of the latest sends to Telegram, and what follows from them for the limits:
 * how far apart two messages that left a given time apart can land (the margin), and how many
 * requests must be on their way at once to keep a rate.
 *
 * A message lands some time after it leaves; what varies between messages is not the round trip
 * itself but its spread. With the way there and back alike (as between a server and Telegram's
 * data centre), a message's time on the way there spreads by half the spread of the round trips.
 *
 * @example trips.observe(150); trips.marginMs() // half the spread of what was observed, at least the floor
 */
export class RoundTrips {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly settings: { floorMs: number; defaultMarginMs: number }) {}

  observe(ms: number): void {
    if (this.samples.length < SAMPLES) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
  }

  /** How much longer than Telegram's own window a message must count. */
  marginMs(): number {
    if (this.samples.length < ENOUGH) return this.settings.defaultMarginMs;
    let min = Infinity;
    let max = 0;
    for (const ms of this.samples) (min = Math.min(min, ms)), (max = Math.max(max, ms));
    return Math.max(this.settings.floorMs, (max - min) / 2 + this.settings.floorMs);
  }

  /** The slowest of the latest round trips: how long a request may be on its way. */
  slowestMs(): number {
    return this.samples.length === 0 ? 0 : Math.max(...this.samples);
  }
}
