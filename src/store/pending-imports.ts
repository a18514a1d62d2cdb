import type { Db } from '../db/database.ts';
import type { TaskRow } from '../domain/task-table.ts';

export interface PendingImport {
  id: number;
  telegramUserId: number;
  fileName: string;
  rows: TaskRow[];
  settled: boolean;
}

/** Keeps a previewed table until the admin taps Confirm or Cancel. */
export async function keepPendingImport(db: Db, input: { telegramUserId: number; fileName: string; rows: readonly TaskRow[]; now: Date }): Promise<number> {
  const { id } = await db
    .insertInto('pendingImports')
    .values({ telegramUserId: input.telegramUserId, fileName: input.fileName, rows: JSON.stringify(input.rows), createdAt: input.now.toISOString(), settledAt: null, outcome: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function pendingImport(db: Db, id: number): Promise<PendingImport | undefined> {
  const row = await db.selectFrom('pendingImports').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, telegramUserId: row.telegramUserId, fileName: row.fileName, rows: JSON.parse(row.rows) as TaskRow[], settled: row.settledAt !== null };
}

/**
 * Settles a pending import; applying one makes every other preview still open stale, since what
 * it showed was measured against the table before this one.
 */
export async function settlePendingImport(db: Db, id: number, outcome: 'applied' | 'cancelled', now: Date): Promise<void> {
  await db.updateTable('pendingImports').set({ settledAt: now.toISOString(), outcome, rows: '[]' }).where('id', '=', id).execute();
  if (outcome === 'applied') await db.updateTable('pendingImports').set({ settledAt: now.toISOString(), outcome: 'stale', rows: '[]' }).where('settledAt', 'is', null).execute();
}
