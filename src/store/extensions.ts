import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/** An extension request as the trail shows it. */
export interface ExtensionRequest {
  id: number;
  taskId: number;
  requestedBy: number;
  requestedAt: string;
  dueBefore: CalendarDate;
  dueAsked: CalendarDate;
  reason: string;
  decision: 'approved' | 'refused' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** Who asked, by name: the responsible person then. */
  requester: string;
}

const requests = (db: Db) =>
  db
    .selectFrom('extensionRequests as e')
    .innerJoin('people', 'people.id', 'e.requestedBy')
    .select(['e.id', 'e.taskId', 'e.requestedBy', 'e.requestedAt', 'e.dueBefore', 'e.dueAsked', 'e.reason', 'e.decision', 'e.decidedBy', 'e.decidedAt', 'e.decisionReason', 'people.name as requester']);
const asRequest = (row: object) => row as ExtensionRequest;

export async function requestExtension(db: Db, request: { taskId: number; personId: number; dueBefore: CalendarDate; dueAsked: CalendarDate; reason: string; now: Date }): Promise<number> {
  const { id } = await db
    .insertInto('extensionRequests')
    .values({ taskId: request.taskId, requestedBy: request.personId, requestedAt: request.now.toISOString(), dueBefore: request.dueBefore, dueAsked: request.dueAsked, reason: request.reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function extensionById(db: Db, id: number): Promise<ExtensionRequest | undefined> {
  const row = await requests(db).where('e.id', '=', id).executeTakeFirst();
  return row && asRequest(row);
}

/** A task's requests, oldest first: its trail. */
export async function extensionsOf(db: Db, taskId: number): Promise<ExtensionRequest[]> {
  return (await requests(db).where('e.taskId', '=', taskId).orderBy('e.requestedAt').orderBy('e.id').execute()).map(asRequest);
}

/** Every request, by task: for the export and the board. */
export async function extensionsByTask(db: Db): Promise<Map<number, ExtensionRequest[]>> {
  const byTask = new Map<number, ExtensionRequest[]>();
  for (const row of await requests(db).orderBy('e.requestedAt').orderBy('e.id').execute()) {
    const list = byTask.get(row.taskId) ?? [];
    list.push(asRequest(row));
    byTask.set(row.taskId, list);
  }
  return byTask;
}

/** Records the decision, once: false if the request was decided already. */
export async function decideExtension(db: Db, id: number, decision: { outcome: 'approved' | 'refused'; by: string; now: Date }): Promise<boolean> {
  const result = await db.updateTable('extensionRequests').set({ decision: decision.outcome, decidedBy: decision.by, decidedAt: decision.now.toISOString() }).where('id', '=', id).where('decision', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function giveRefusalReason(db: Db, id: number, reason: string): Promise<void> {
  await db.updateTable('extensionRequests').set({ decisionReason: reason }).where('id', '=', id).execute();
}

/** Each extended task's first due date, before any approved extension: what its lines say it was. */
export async function originalDues(db: Db): Promise<Map<number, CalendarDate>> {
  const rows = await db.selectFrom('extensionRequests').select(['taskId', (eb) => eb.fn.min('dueBefore').as('first')]).where('decision', '=', 'approved').groupBy('taskId').execute();
  return new Map(rows.map((row) => [row.taskId, row.first as CalendarDate]));
}
