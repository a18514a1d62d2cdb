import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface DeliveryHealth {
  pending: number;
  failed: number;
  sent: number;
  /** How long the oldest unsent message has waited; 0 when none waits. */
  oldestPendingSeconds: number;
}

/** What /healthz reports of the outbox. */
export async function deliveryHealth(db: Db, now: Date): Promise<DeliveryHealth> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('createdAt').as('oldest')]).groupBy('status').execute();
  const of = (status: string) => rows.find((row) => row.status === status);
  const oldest = of('pending')?.oldest as string | undefined;
  return {
    pending: Number(of('pending')?.n ?? 0),
    failed: Number(of('failed')?.n ?? 0),
    sent: Number(of('sent')?.n ?? 0),
    oldestPendingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
  };
}

/** Whether the database answers at all. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
