import type { Db } from '../db/database.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: unknown;
}

/** Records an admin change (who, what, when) in the same transaction as the change. */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}
