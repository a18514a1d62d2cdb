import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { TaskRow } from '../domain/task-table.ts';
import { recordAudit } from './audit-log.ts';
import { findOrCreatePerson } from './people.ts';
import { findOrCreateUnit, leadershipUnit } from './units.ts';
import { inTransaction } from '../db/transaction.ts';

export interface ImportSummary {
  tasksCreated: number;
  tasksUpdated: number;
  tasksUnchanged: number;
  unitsCreated: number;
  peopleCreated: number;
}

export interface ImportContext {
  now: Date;
  /** Today in TIMEZONE: the start of a new task whose row leaves the start empty. */
  today: CalendarDate;
  /** The leadership group's name, should it not exist yet. */
  leadershipName: string;
  actor: string;
  source: string;
}

/**
 * Writes validated rows in one transaction: tasks are matched by code and updated, units and
 * people are matched by name (people by name within their unit) and never duplicated.
 * A task's milestones become the row's; a milestone already done stays done.
 */
export async function importTasks(db: Db, rows: readonly TaskRow[], context: ImportContext): Promise<ImportSummary> {
  return inTransaction(db, async (trx) => {
    const summary: ImportSummary = { tasksCreated: 0, tasksUpdated: 0, tasksUnchanged: 0, unitsCreated: 0, peopleCreated: 0 };
    const now = context.now.toISOString();
    const leadership = await leadershipUnit(trx, context.leadershipName, context.now);
    summary.unitsCreated += Number(leadership.created);

    const units = new Map<string, number>();
    const people = new Map<string, number>();
    const unitId = async (name: string) => {
      if (!units.has(name)) {
        const unit = await findOrCreateUnit(trx, name, context.now);
        summary.unitsCreated += Number(unit.created);
        units.set(name, unit.id);
      }
      return units.get(name)!;
    };
    const personId = async (name: string, inUnit: number) => {
      const key = `${inUnit}\u0000${name}`;
      if (!people.has(key)) {
        const person = await findOrCreatePerson(trx, name, inUnit, context.now);
        summary.peopleCreated += Number(person.created);
        people.set(key, person.id);
      }
      return people.get(key)!;
    };

    for (const row of rows) {
      const taskUnitId = await unitId(row.unit);
      const fields = {
        title: row.title,
        target: row.target,
        category: row.category,
        unitId: taskUnitId,
        ownerId: await personId(row.owner, taskUnitId),
        leaderId: await personId(row.leader, leadership.id),
        dueDate: row.due,
        lat: row.location?.lat ?? null,
        lng: row.location?.lng ?? null,
        isPublic: row.isPublic ? 1 : 0,
      };
      const existing = await trx.selectFrom('tasks').selectAll().where('code', '=', row.code).executeTakeFirst();
      const startDate = row.start ?? existing?.startDate ?? (context.today < row.due ? context.today : row.due);

      let taskId: number;
      let changed: boolean;
      if (!existing) {
        ({ id: taskId } = await trx
          .insertInto('tasks')
          .values({ code: row.code, ...fields, startDate, createdAt: now, updatedAt: now })
          .returning('id')
          .executeTakeFirstOrThrow());
        changed = true;
      } else {
        taskId = existing.id;
        changed = startDate !== existing.startDate || (Object.keys(fields) as (keyof typeof fields)[]).some((key) => fields[key] !== existing[key]);
        if (changed) await trx.updateTable('tasks').set({ ...fields, startDate, updatedAt: now }).where('id', '=', taskId).execute();
      }
      const milestonesChanged = await syncMilestones(trx, taskId, row.milestones);
      if (!existing) summary.tasksCreated += 1;
      else if (changed || milestonesChanged) summary.tasksUpdated += 1;
      else summary.tasksUnchanged += 1;
    }
    await recordAudit(trx, context.now, { actor: context.actor, action: 'import', subject: context.source, detail: summary });
    return summary;
  });
}

async function syncMilestones(db: Db, taskId: number, plans: TaskRow['milestones']): Promise<boolean> {
  const existing = await db.selectFrom('milestones').selectAll().where('taskId', '=', taskId).orderBy('dueDate').orderBy('id').execute();
  const same =
    existing.length === plans.length && existing.every((m, i) => m.dueDate === plans[i]!.due && m.description === plans[i]!.description);
  if (same) return false;
  const doneAt = new Map(existing.map((m) => [`${m.dueDate} ${m.description}`, m.doneAt]));
  await db.deleteFrom('milestones').where('taskId', '=', taskId).execute();
  if (plans.length > 0) {
    await db
      .insertInto('milestones')
      .values(plans.map((plan) => ({ taskId, dueDate: plan.due, description: plan.description, doneAt: doneAt.get(`${plan.due} ${plan.description}`) ?? null })))
      .execute();
  }
  return true;
}
