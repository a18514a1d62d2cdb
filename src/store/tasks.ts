import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A task as a person's list shows it. */
export interface TaskLine {
  code: string;
  title: string;
  /** null: a standing task. */
  due: string | null;
}

/** Open tasks the person answers for, or, for a leader, is in charge of; soonest due first. */
export async function openTasksOf(db: Db, personId: number, as: 'owner' | 'leader'): Promise<TaskLine[]> {
  return db
    .selectFrom('tasks')
    .select(['code', 'title', 'dueDate as due'])
    .where(as === 'owner' ? 'ownerId' : 'leaderId', '=', personId)
    .where('status', '=', 'open')
    .orderBy(sql`due_date is null`)
    .orderBy('dueDate')
    .orderBy('code')
    .execute();
}
