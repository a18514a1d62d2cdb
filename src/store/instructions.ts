import type { Db } from '../db/database.ts';
import { groupBy } from '../domain/group-by.ts';

export interface InstructionView {
  id: number;
  taskId: number;
  authorName: string;
  authorChatId: number;
  text: string;
  createdAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
}

/** Records a leader's instruction (批示) on a task; the caller queues it for the responsible person. */
export async function createInstruction(db: Db, input: { taskId: number; authorId: number | null; authorName: string; authorChatId: number; text: string; now: Date }): Promise<number> {
  const { id } = await db
    .insertInto('instructions')
    .values({ taskId: input.taskId, authorId: input.authorId, authorName: input.authorName, authorChatId: input.authorChatId, text: input.text, createdAt: input.now.toISOString(), acknowledgedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The outbox key of an instruction's message to the responsible person. */
export const instructionKey = (id: number) => `instruction:${id}`;

/** Instructions with when each reached the responsible person (its outbox message was sent). */
async function withDelivery(db: Db, rows: Omit<InstructionView, 'deliveredAt'>[]): Promise<InstructionView[]> {
  if (rows.length === 0) return [];
  const sent = await db.selectFrom('outbox').select(['dedupeKey', 'sentAt']).where('dedupeKey', 'in', rows.map((row) => instructionKey(row.id))).execute();
  const sentAt = new Map(sent.map((row) => [row.dedupeKey, row.sentAt]));
  return rows.map((row) => ({ ...row, deliveredAt: sentAt.get(instructionKey(row.id)) ?? null }));
}

const columns = ['id', 'taskId', 'authorName', 'authorChatId', 'text', 'createdAt', 'acknowledgedAt'] as const;

export async function instructionsOf(db: Db, taskId: number): Promise<InstructionView[]> {
  return withDelivery(db, await db.selectFrom('instructions').select(columns).where('taskId', '=', taskId).orderBy('createdAt').execute());
}

export async function instructionById(db: Db, id: number): Promise<InstructionView | undefined> {
  const [view] = await withDelivery(db, await db.selectFrom('instructions').select(columns).where('id', '=', id).execute());
  return view;
}

/** Marks it acknowledged by the responsible person; false if it was already. */
export async function acknowledgeInstruction(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('instructions').set({ acknowledgedAt: now.toISOString() }).where('id', '=', id).where('acknowledgedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Instructions given since the task's latest answer, newest last: what the next prompt repeats. */
export async function openInstructionsByTask(db: Db): Promise<Map<number, { authorName: string; text: string }[]>> {
  const rows = await db
    .selectFrom('instructions')
    .select(['taskId', 'authorName', 'text'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('checkIns').select('checkIns.id').whereRef('checkIns.taskId', '=', 'instructions.taskId').whereRef('checkIns.reportedAt', '>', 'instructions.createdAt'))),
    )
    .orderBy('createdAt')
    .execute();
  return groupBy(rows, (row) => row.taskId);
}
