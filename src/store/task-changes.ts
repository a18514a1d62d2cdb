import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { recordAudit } from './audit-log.ts';
import { recordCommitmentChanges } from './commitments.ts';
import { noteDigestInputChange } from './digest-inputs.ts';

/** Who changed what, for the audit log: `telegram:<id>` or `cli`. */
export interface ChangeContext {
  actor: string;
  now: Date;
}

/** Withdraws (撤销) an open task: it is no longer prompted or counted, its history kept. */
export async function withdrawTask(db: Db, task: { id: number; code: string }, reason: string, context: ChangeContext): Promise<void> {
  const now = context.now.toISOString();
  await db.updateTable('tasks').set({ status: 'withdrawn', closedAt: now, withdrawnReason: reason, updatedAt: now }).where('id', '=', task.id).execute();
  await recordCommitmentChanges(db, task.id, [{ field: 'withdrawn', before: null, after: reason }], context.now);
  await noteDigestInputChange(db);
  await recordAudit(db, context.now, { actor: context.actor, action: 'task.withdraw', subject: task.code, detail: { reason } });
}

/** Moves a task to another responsible person of its unit; their earlier answers stay the task's history. */
export async function reassignTask(db: Db, task: { id: number; code: string }, change: { from: string; to: { id: number; name: string } }, context: ChangeContext): Promise<void> {
  await db.updateTable('tasks').set({ ownerId: change.to.id, updatedAt: context.now.toISOString() }).where('id', '=', task.id).execute();
  // The new owner was perhaps named with the task already (「张伟、李娜」): no longer twice.
  await db.deleteFrom('taskCoPeople').where('taskId', '=', task.id).where('personId', '=', change.to.id).where('role', '=', 'owner').execute();
  await noteDigestInputChange(db);
  await recordAudit(db, context.now, { actor: context.actor, action: 'task.reassign', subject: task.code, detail: { from: change.from, to: change.to.name } });
}

/** Moves a task's due date (null: a standing task), keeping the old one in the audit log. */
export async function changeDueDate(db: Db, task: { id: number; code: string }, change: { from: string | null; to: CalendarDate | null }, context: ChangeContext): Promise<void> {
  await db.updateTable('tasks').set({ dueDate: change.to, updatedAt: context.now.toISOString() }).where('id', '=', task.id).execute();
  await recordCommitmentChanges(db, task.id, [{ field: 'due', before: change.from, after: change.to }], context.now);
  await noteDigestInputChange(db);
  await recordAudit(db, context.now, { actor: context.actor, action: 'task.due', subject: task.code, detail: { from: change.from, to: change.to } });
}

/** A person of a unit by name, if there is one. */
export async function personInUnit(db: Db, unitName: string, name: string): Promise<{ id: number; name: string; telegramUserId: number | null } | undefined> {
  return db
    .selectFrom('people')
    .innerJoin('units', 'units.id', 'people.unitId')
    .select(['people.id', 'people.name', 'people.telegramUserId'])
    .where('units.name', '=', unitName)
    .where('people.name', '=', name)
    .executeTakeFirst();
}

export async function peopleOfUnit(db: Db, unitName: string): Promise<string[]> {
  const rows = await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select('people.name').where('units.name', '=', unitName).orderBy('people.name').execute();
  return rows.map((row) => row.name);
}
