import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { holdLease, releaseLease, type LeaseName } from '../store/leases.ts';

/** A name for this process, unique among those sharing the database: the machine, the pid, and a few random bytes (pids repeat across restarts). */
export const thisProcess = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface LeaseKeeper {
  /** Whether this process holds the lease now, with time to spare before it runs out. */
  holding(): boolean;
  /** Stops renewing and gives the lease up. */
  stop(): Promise<void>;
}

export interface LeaseKeeperOptions {
  db: Db;
  name: LeaseName;
  /** Who this process is, as the lease row names it. */
  holder: string;
  /** How long a lease lasts unless renewed; renewed every third of it. */
  leaseMs: number;
  logger: Logger;
  /** Told when the lease is gained and when it is lost. */
  onGained?: () => void;
  onLost?: () => void;
}

/**
 * Keeps asking for a lease, and renews it while held: the one of several processes that does a
 * piece of work (sending, polling). Time is the machine's clock, not a test's: leases are about
 * real seconds between real processes. A renewal that fails (the database out of reach) counts
 * as losing the lease: this process must not go on as if it still held it.
 *
 * @example const lease = keepLease({ db, name: 'sender', holder, leaseMs: 15_000, logger })
 */
export function keepLease(options: LeaseKeeperOptions): LeaseKeeper {
  const { db, name, holder, leaseMs, logger } = options;
  let until = new Date(0);
  let held = false;
  let stopped = false;
  // A lease is used only while a renewal is due before it runs out: a third of it to spare.
  const margin = leaseMs / 3;

  async function renew(): Promise<void> {
    const now = new Date();
    const next = new Date(now.getTime() + leaseMs);
    let got = false;
    try {
      got = await holdLease(db, name, holder, now, next);
    } catch (error) {
      logger.warn({ err: error, lease: name }, 'could not renew the lease; letting go of the work it covers');
    }
    if (stopped) return;
    if (got) {
      until = next;
      if (!held) {
        held = true;
        logger.info({ lease: name, holder }, 'this process now holds the lease');
        options.onGained?.();
      }
    } else if (held) {
      held = false;
      logger.warn({ lease: name, holder }, 'lease lost to another process');
      options.onLost?.();
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let renewing = Promise.resolve();
  const tick = () => {
    renewing = renewing.then(renew).catch((error: unknown) => logger.error({ err: error, lease: name }, 'lease renewal failed')).finally(() => {
      if (!stopped) timer = setTimeout(tick, margin);
    });
  };
  tick();

  return {
    holding: () => held && Date.now() < until.getTime() - margin / 2,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await renewing;
      if (held) {
        held = false;
        await releaseLease(db, name, holder).catch(() => undefined);
      }
    },
  };
}
