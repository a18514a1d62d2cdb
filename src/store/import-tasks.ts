import type { Db } from '../db/database.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { TaskRow } from '../domain/task-table.ts';
import { recordAudit } from './audit-log.ts';
import { noteDigestInputChange } from './digest-inputs.ts';
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
      const milestonesChanged = await syncMilestones(trx, taskId, row.milestones, context);
      if (!existing) summary.tasksCreated += 1;
      else if (changed || milestonesChanged) summary.tasksUpdated += 1;
      else summary.tasksUnchanged += 1;
    }
    await recordAudit(trx, context.now, { actor: context.actor, action: 'import', subject: context.source, detail: summary });
    return summary;
  });
}

/**
 * Makes a task's milestones the row's, matched by date and words: a matched one keeps its id and
 * its done mark (its history points at it); a share is updated; one no longer listed goes. A
 * done mark in the table marks an undone milestone done, on the day written or today, and is kept in the history as the import's; the table cannot
 * undo a mark — that is the leader's, with a reason.
 */
async function syncMilestones(db: Db, taskId: number, plans: TaskRow['milestones'], context: ImportContext): Promise<boolean> {
  const existing = await db.selectFrom('milestones').selectAll().where('taskId', '=', taskId).orderBy('dueDate').orderBy('id').execute();
  const byKey = new Map(existing.map((m) => [`${m.dueDate} ${m.description}`, m]));
  const kept = new Set<number>();
  let changed = false;
  for (const plan of plans) {
    const found = byKey.get(`${plan.due} ${plan.description}`);
    let id: number;
    if (found && !kept.has(found.id)) {
      id = found.id;
      kept.add(id);
      if (found.share !== plan.share) {
        await db.updateTable('milestones').set({ share: plan.share }).where('id', '=', id).execute();
        changed = true;
      }
      if (found.doneOn !== null || plan.doneOn === undefined) continue;
    } else {
      ({ id } = await db.insertInto('milestones').values({ taskId, dueDate: plan.due, description: plan.description, share: plan.share, doneAt: null, doneOn: null, doneBy: null }).returning('id').executeTakeFirstOrThrow());
      kept.add(id);
      changed = true;
      if (plan.doneOn === undefined) continue;
    }
    // A day written in the table is kept as its midday UTC: the same day in every office's zone.
    const at = plan.doneOn === null ? context.now.toISOString() : `${plan.doneOn}T12:00:00.000Z`;
    await db.updateTable('milestones').set({ doneAt: at, doneOn: plan.doneOn ?? context.today }).where('id', '=', id).execute();
    await db.insertInto('milestoneMarks').values({ milestoneId: id, taskId, dueDate: plan.due, description: plan.description, action: 'done', at, personId: null, actor: context.actor, reason: null }).execute();
    changed = true;
  }
  if (changed) await noteDigestInputChange(db);
  const gone = existing.filter((m) => !kept.has(m.id)).map((m) => m.id);
  if (gone.length > 0) {
    await db.deleteFrom('milestones').where('id', 'in', gone).execute();
    await noteDigestInputChange(db);
    changed = true;
  }
  return changed;
}
