import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { noteDigestInputChange } from './digest-inputs.ts';

/** A milestone as the flows that mark it see it. */
export interface MilestoneRef {
  id: number;
  taskId: number;
  due: CalendarDate;
  description: string;
  /** The day it was marked done, in TIMEZONE; null while not done. */
  doneOn: CalendarDate | null;
}

const MILESTONE_REF = ['id', 'taskId', 'dueDate as due', 'description', 'doneOn'] as const;
const asRef = (row: { id: number; taskId: number; due: string; description: string; doneOn: string | null }): MilestoneRef => row as MilestoneRef;

export async function milestoneById(db: Db, id: number): Promise<MilestoneRef | undefined> {
  const row = await db.selectFrom('milestones').select(MILESTONE_REF).where('id', '=', id).executeTakeFirst();
  return row && asRef(row);
}

/** The task's milestones by date (then as listed): what `/milestone CODE N` counts in. */
export async function milestonesOfTask(db: Db, taskId: number): Promise<MilestoneRef[]> {
  return (await db.selectFrom('milestones').select(MILESTONE_REF).where('taskId', '=', taskId).orderBy('dueDate').orderBy('id').execute()).map(asRef);
}

/**
 * Each open task's earliest milestone not yet done — the overdue one, or the one due, or the
 * next: what its prompt offers to mark done.
 */
export async function milestonesToMark(db: Db): Promise<Map<number, MilestoneRef>> {
  const rows = await db
    .selectFrom('milestones as m')
    .select(['m.id', 'm.taskId', 'm.dueDate as due', 'm.description', 'm.doneOn'])
    .where('m.doneOn', 'is', null)
    .where(({ not, exists, selectFrom, or, and, eb }) =>
      not(exists(
        selectFrom('milestones as e').select('e.id').whereRef('e.taskId', '=', 'm.taskId').where('e.doneOn', 'is', null)
          .where((e) => or([e('e.dueDate', '<', e.ref('m.dueDate')), and([e('e.dueDate', '=', e.ref('m.dueDate')), e('e.id', '<', e.ref('m.id'))])])),
      )),
    )
    .execute();
  return new Map(rows.map((row) => [row.taskId, asRef(row)]));
}

/** Who marks or undoes: a person of the table, or an admin known by name only. */
export interface MarkActor {
  personId: number | null;
  name: string;
}

/**
 * Marks a milestone done, with the history's entry; false (and nothing written) if it is done
 * already. Returns the entry's id, which evidence sent afterwards is added to.
 */
export async function markMilestoneDone(db: Db, input: { milestone: MilestoneRef; by: MarkActor; today: CalendarDate; now: Date; evidence: readonly string[] }): Promise<number | false> {
  const { milestone, by, now } = input;
  const at = now.toISOString();
  const updated = await db.updateTable('milestones').set({ doneAt: at, doneOn: input.today, doneBy: by.personId }).where('id', '=', milestone.id).where('doneOn', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await noteDigestInputChange(db);
  const { id } = await db
    .insertInto('milestoneMarks')
    .values({ milestoneId: milestone.id, taskId: milestone.taskId, dueDate: milestone.due, description: milestone.description, action: 'done', at, personId: by.personId, actor: by.name, reason: null, evidence: JSON.stringify(input.evidence) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Undoes a wrong mark, with its reason in the history; false if the milestone is not done. */
export async function undoMilestoneMark(db: Db, input: { milestone: MilestoneRef; by: MarkActor; reason: string; now: Date }): Promise<boolean> {
  const { milestone, by } = input;
  const at = input.now.toISOString();
  const updated = await db.updateTable('milestones').set({ doneAt: null, doneOn: null, doneBy: null }).where('id', '=', milestone.id).where('doneOn', 'is not', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await noteDigestInputChange(db);
  await db
    .insertInto('milestoneMarks')
    .values({ milestoneId: milestone.id, taskId: milestone.taskId, dueDate: milestone.due, description: milestone.description, action: 'undone', at, personId: by.personId, actor: by.name, reason: input.reason })
    .execute();
  return true;
}

/** Adds evidence to a mark; returns how many files it now has. */
export async function addMarkEvidence(db: Db, markId: number, evidence: string): Promise<number> {
  const row = await db.selectFrom('milestoneMarks').select('evidence').where('id', '=', markId).executeTakeFirstOrThrow();
  const files = [...(JSON.parse(row.evidence) as string[]), evidence];
  await db.updateTable('milestoneMarks').set({ evidence: JSON.stringify(files) }).where('id', '=', markId).execute();
  return files.length;
}

export async function markById(db: Db, markId: number) {
  return db.selectFrom('milestoneMarks').selectAll().where('id', '=', markId).executeTakeFirst();
}

/** A mark or an undo, as `/task` shows the history. */
export interface MarkView {
  milestoneId: number;
  due: CalendarDate;
  description: string;
  action: 'done' | 'undone';
  at: string;
  actor: string;
  reason: string | null;
  evidenceCount: number;
}

/** The task's marks and undos, oldest first. */
export async function marksOfTask(db: Db, taskId: number): Promise<MarkView[]> {
  const rows = await db.selectFrom('milestoneMarks').selectAll().where('taskId', '=', taskId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({
    milestoneId: row.milestoneId, due: row.dueDate as CalendarDate, description: row.description, action: row.action, at: row.at, actor: row.actor, reason: row.reason,
    evidenceCount: (JSON.parse(row.evidence) as string[]).length,
  }));
}
