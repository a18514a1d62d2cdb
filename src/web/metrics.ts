import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import type { SendObserver } from '../delivery/sender.ts';
import { deliveryHealth } from '../store/delivery-health.ts';
import { operatorCounts } from '../store/operator-counts.ts';

export interface Metrics {
  observer: SendObserver;
  /** GET /metrics, in Prometheus's text format. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * What an operator watches, at GET /metrics (prom-client): the outbox — pending, the age of its
 * oldest, its messages by status and kind (the dedupe key's first word: prompt, reply, digest …,
 * never a chat id) —, answers recorded and steps run, all read from the database when scraped
 * so that every process reports the same; and this process's own: Telegram's 429s, the seconds
 * paused by their retry_after, how long sends took, and Node's defaults.
 */
export function createMetrics(db: Db, now: () => Date): Metrics {
  const registry = new Registry();
  // Read once a scrape, before the gauges collect.
  let counts: Awaited<ReturnType<typeof operatorCounts>> = { outbox: [], answers: 0, steps: [] };
  let health: Awaited<ReturnType<typeof deliveryHealth>> = { pending: 0, failed: 0, sent: 0, oldestPendingSeconds: 0 };
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'duban_outbox_pending', help: 'Messages waiting in the outbox.', registers: [registry],
    collect() {
      this.set(health.pending);
    },
  });
  new Gauge({
    name: 'duban_outbox_oldest_pending_seconds', help: 'How long the oldest pending message has waited.', registers: [registry],
    collect() {
      this.set(health.oldestPendingSeconds);
    },
  });
  new Gauge({
    name: 'duban_outbox_messages', help: 'Messages in the outbox by status (pending, sent, failed) and kind.', labelNames: ['status', 'kind'], registers: [registry],
    collect() {
      this.reset();
      for (const row of counts.outbox) this.set({ status: row.status, kind: row.kind }, row.count);
    },
  });
  new Gauge({
    name: 'duban_answers_recorded', help: 'Answers (check-ins) recorded, all time.', registers: [registry],
    collect() {
      this.set(counts.answers);
    },
  });
  new Gauge({
    name: 'duban_steps_run', help: 'Scheduled steps run (claimed once across processes), by step.', labelNames: ['step'], registers: [registry],
    collect() {
      this.reset();
      for (const row of counts.steps) this.set({ step: row.step }, row.count);
    },
  });
  const tooMany = new Counter({ name: 'duban_telegram_429_total', help: 'Answers of 429 (Too Many Requests) from Telegram.', registers: [registry] });
  const paused = new Counter({ name: 'duban_retry_after_paused_seconds_total', help: 'Seconds all sending was paused by retry_after.', registers: [registry] });
  const duration = new Histogram({
    name: 'duban_send_duration_seconds', help: 'How long Telegram took to answer a send.', labelNames: ['outcome'], registers: [registry],
    buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10],
  });
  return {
    observer: {
      answered: (seconds, ok) => duration.observe({ outcome: ok ? 'ok' : 'error' }, seconds),
      rateLimited: (retryAfterSeconds) => {
        tooMany.inc();
        paused.inc(retryAfterSeconds);
      },
    },
    async handle(_req, res) {
      [counts, health] = await Promise.all([operatorCounts(db), deliveryHealth(db, now())]);
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    },
  };
}
