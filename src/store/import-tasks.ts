import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { TaskRow } from '../domain/task-table.ts';
import { recordAudit } from './audit-log.ts';
import { freezeCommitment, milestoneLines, recordCommitmentChanges } from './commitments.ts';
import { noteDigestInputChange } from './digest-inputs.ts';
import { findOrCreatePerson } from './people.ts';
import { findOrCreateUnit, leadershipUnit, setUnitType } from './units.ts';

/** A task as an import's preview names it. */
export interface NamedTask {
  id: number;
  code: string;
  title: string;
  unit: string;
}

/** What a task's row changed, by the one table's field names (`due`, `owner`, …). */
export type ChangedField = 'title' | 'unit' | 'coUnits' | 'owner' | 'leader' | 'due' | 'start' | 'milestones' | 'target' | 'category' | 'location' | 'public';

/** What an import did, or, in a preview, would do. */
export interface ImportSummary {
  created: NamedTask[];
  updated: (NamedTask & { changed: ChangedField[] })[];
  unchanged: number;
  /** Listed again after being withdrawn: open again. */
  reinstated: NamedTask[];
  /** Open tasks the table no longer lists: withdrawn (撤销) if the import was told to, else left open. */
  unlisted: (NamedTask & { ownerChat: number | null })[];
  withdrawn: boolean;
  newUnits: string[];
  newPeople: { name: string; unit: string }[];
  /** Co-units newly named with a task (配合单位): to be told of it. */
  coUnitsAdded: { task: NamedTask; unitIds: number[] }[];
}

export interface ImportContext {
  now: Date;
  /** Today in TIMEZONE: the start of a new task whose row leaves the start empty. */
  today: CalendarDate;
  /** The leadership group's name, should it not exist yet. */
  leadershipName: string;
  actor: string;
  source: string;
  /** Withdraw the open tasks the table no longer lists: the admin confirmed the preview that named them. */
  withdrawUnlisted: boolean;
}

/**
 * Writes validated rows in the caller's transaction: tasks are matched by code and updated, units
 * and people by name (people by name within their unit) and never duplicated. A task's
 * milestones, co-units and further people become the row's; a milestone already done stays done.
 * A task the table no longer lists is never deleted: it is named, and withdrawn only when the
 * context says the admin confirmed it.
 */
export async function importTasks(trx: Db, rows: readonly TaskRow[], context: ImportContext): Promise<ImportSummary> {
  const summary: ImportSummary = { created: [], updated: [], unchanged: 0, reinstated: [], unlisted: [], withdrawn: false, newUnits: [], newPeople: [], coUnitsAdded: [] };
  const now = context.now.toISOString();
  const leadership = await leadershipUnit(trx, context.leadershipName, context.now);
  if (leadership.created) summary.newUnits.push(context.leadershipName);

  const units = new Map<string, number>();
  const people = new Map<string, number>();
  const unitId = async (name: string) => {
    if (!units.has(name)) {
      const unit = await findOrCreateUnit(trx, name, context.now);
      if (unit.created) summary.newUnits.push(name);
      units.set(name, unit.id);
    }
    return units.get(name)!;
  };
  const personId = async (name: string, inUnit: number, unitName: string) => {
    const key = `${inUnit}\u0000${name}`;
    if (!people.has(key)) {
      const person = await findOrCreatePerson(trx, name, inUnit, context.now);
      if (person.created) summary.newPeople.push({ name, unit: unitName });
      people.set(key, person.id);
    }
    return people.get(key)!;
  };

  const listed = new Set<number>();
  const typed = new Set<number>();
  for (const row of rows) {
    const taskUnitId = await unitId(row.unit);
    // A blank 单位类型 leaves the unit as it was typed (by an earlier table, or an admin).
    if (row.unitType !== null && !typed.has(taskUnitId)) {
      typed.add(taskUnitId);
      await setUnitType(trx, taskUnitId, row.unitType);
    }
    const fields = {
      title: row.title,
      target: row.target,
      category: row.category,
      unitId: taskUnitId,
      ownerId: await personId(row.owner, taskUnitId, row.unit),
      leaderId: await personId(row.leader, leadership.id, context.leadershipName),
      dueDate: row.due as string | null,
      lat: row.location?.lat ?? null,
      lng: row.location?.lng ?? null,
      isPublic: row.isPublic ? 1 : 0,
    };
    const existing = await trx.selectFrom('tasks').selectAll().where(dialectOf(trx).sameCode(sql`code`, row.code)).executeTakeFirst();
    const startDate = row.start ?? existing?.startDate ?? (row.due === null || context.today < row.due ? context.today : row.due);

    let taskId: number;
    const changed: ChangedField[] = [];
    if (!existing) {
      ({ id: taskId } = await trx
        .insertInto('tasks')
        .values({ code: row.code, ...fields, startDate, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      taskId = existing.id;
      changed.push(...changedFields(existing, { ...fields, startDate }));
      const reinstate = existing.status === 'withdrawn';
      if (changed.length > 0 || reinstate) {
        await trx.updateTable('tasks').set({ ...fields, startDate, updatedAt: now, ...(reinstate && { status: 'open', closedAt: null, withdrawnReason: null }) }).where('id', '=', taskId).execute();
      }
      if (reinstate) summary.reinstated.push({ id: taskId, code: row.code, title: row.title, unit: row.unit });
    }
    listed.add(taskId);
    // 立此存照 reads a public task's milestones as they were; a private task's are nobody's record.
    const milestonesBefore = existing && row.isPublic ? await milestoneLines(trx, taskId) : null;
    if (await syncMilestones(trx, taskId, row.milestones, context)) changed.push('milestones');
    if (row.isPublic) {
      // Frozen the first time the task is public; a change after that is kept beside it.
      const published = existing !== undefined && (await recordCommitmentChanges(trx, taskId, [
        { field: 'due', before: existing.dueDate, after: row.due },
        { field: 'target', before: existing.target, after: row.target },
        { field: 'milestones', before: milestonesBefore, after: changed.includes('milestones') ? await milestoneLines(trx, taskId) : milestonesBefore },
      ], context.now));
      if (!published) await freezeCommitment(trx, { id: taskId, target: row.target, dueDate: row.due }, context.now);
    }
    const coUnitIds = await Promise.all(row.coUnits.map((name) => unitId(name)));
    const added = await syncCoUnits(trx, taskId, coUnitIds);
    if (added !== null) changed.push('coUnits');
    if (added !== null && added.length > 0) summary.coUnitsAdded.push({ task: { id: taskId, code: row.code, title: row.title, unit: row.unit }, unitIds: added });
    const coOwners = await Promise.all(row.coOwners.map((name) => personId(name, taskUnitId, row.unit)));
    const coLeaders = await Promise.all(row.coLeaders.map((name) => personId(name, leadership.id, context.leadershipName)));
    const peopleChanged = await syncCoPeople(trx, taskId, coOwners, coLeaders);
    if (peopleChanged.owners && !changed.includes('owner')) changed.push('owner');
    if (peopleChanged.leaders && !changed.includes('leader')) changed.push('leader');

    const named = { id: taskId, code: row.code, title: row.title, unit: row.unit };
    if (!existing) summary.created.push(named);
    else if (changed.length > 0) summary.updated.push({ ...named, changed });
    else summary.unchanged += 1;
  }

  summary.unlisted = await unlistedTasks(trx, listed);
  if (context.withdrawUnlisted && summary.unlisted.length > 0) {
    summary.withdrawn = true;
    const ids = summary.unlisted.map((task) => task.id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx.updateTable('tasks').set({ status: 'withdrawn', closedAt: now, withdrawnReason: context.source, updatedAt: now }).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
    for (const id of ids) await recordCommitmentChanges(trx, id, [{ field: 'withdrawn', before: null, after: context.source }], context.now);
  }
  if (summary.created.length + summary.updated.length + summary.reinstated.length > 0 || summary.withdrawn) await noteDigestInputChange(trx);
  await recordAudit(trx, context.now, {
    actor: context.actor,
    action: 'import',
    subject: context.source,
    detail: {
      created: summary.created.length, updated: summary.updated.length, unchanged: summary.unchanged, reinstated: summary.reinstated.map((task) => task.code),
      withdrawn: summary.withdrawn ? summary.unlisted.map((task) => task.code) : [], unlistedKept: summary.withdrawn ? [] : summary.unlisted.map((task) => task.code),
      unitsCreated: summary.newUnits.length, peopleCreated: summary.newPeople.length,
    },
  });
  return summary;
}

type TaskFields = { title: string; target: string | null; category: string | null; unitId: number; ownerId: number; leaderId: number; dueDate: string | null; startDate: string; lat: number | null; lng: number | null; isPublic: number };

function changedFields(before: TaskFields, after: TaskFields): ChangedField[] {
  const fieldOf: Record<keyof TaskFields, ChangedField> = {
    title: 'title', target: 'target', category: 'category', unitId: 'unit', ownerId: 'owner', leaderId: 'leader', dueDate: 'due', startDate: 'start', lat: 'location', lng: 'location', isPublic: 'public',
  };
  const changed = new Set<ChangedField>();
  for (const key of Object.keys(fieldOf) as (keyof TaskFields)[]) if (before[key] !== after[key]) changed.add(fieldOf[key]);
  return [...changed];
}

/** Open tasks not among `listed`: the ones an office's table dropped. */
async function unlistedTasks(trx: Db, listed: ReadonlySet<number>): Promise<ImportSummary['unlisted']> {
  const open = await trx
    .selectFrom('tasks')
    .innerJoin('units', 'units.id', 'tasks.unitId')
    .innerJoin('people as owners', 'owners.id', 'tasks.ownerId')
    .select(['tasks.id', 'tasks.code', 'tasks.title', 'units.name as unit', 'owners.telegramUserId as ownerChat'])
    .where('tasks.status', '=', 'open')
    // A follow-up task (测评整改) comes from an assessment round, not from the office's table.
    .where('tasks.assessmentRoundId', 'is', null)
    .orderBy('tasks.code')
    .execute();
  return open.filter((task) => !listed.has(task.id));
}

/** Makes a task's co-units the row's; null when unchanged, else the units newly named. */
async function syncCoUnits(trx: Db, taskId: number, unitIds: readonly number[]): Promise<number[] | null> {
  const before = (await trx.selectFrom('taskCoUnits').select('unitId').where('taskId', '=', taskId).orderBy('position').execute()).map((row) => row.unitId);
  const after = [...new Set(unitIds)];
  if (before.join() === after.join()) return null;
  await trx.deleteFrom('taskCoUnits').where('taskId', '=', taskId).execute();
  if (after.length > 0) await trx.insertInto('taskCoUnits').values(after.map((unitId, position) => ({ taskId, unitId, position }))).execute();
  return after.filter((unitId) => !before.includes(unitId));
}

async function syncCoPeople(trx: Db, taskId: number, owners: readonly number[], leaders: readonly number[]): Promise<{ owners: boolean; leaders: boolean }> {
  const before = await trx.selectFrom('taskCoPeople').select(['personId', 'role']).where('taskId', '=', taskId).orderBy('role').orderBy('position').execute();
  const ids = (role: 'owner' | 'leader') => before.filter((row) => row.role === role).map((row) => row.personId).join();
  const changed = { owners: ids('owner') !== [...new Set(owners)].join(), leaders: ids('leader') !== [...new Set(leaders)].join() };
  if (!changed.owners && !changed.leaders) return changed;
  await trx.deleteFrom('taskCoPeople').where('taskId', '=', taskId).execute();
  const rows = [
    ...[...new Set(owners)].map((personId, position) => ({ taskId, personId, role: 'owner' as const, position })),
    ...[...new Set(leaders)].map((personId, position) => ({ taskId, personId, role: 'leader' as const, position })),
  ];
  if (rows.length > 0) await trx.insertInto('taskCoPeople').values(rows).execute();
  return changed;
}

/**
 * Makes a task's milestones the row's, matched by date and words: a matched one keeps its id and
 * its done mark (its history points at it); a share is updated; one no longer listed goes. A
 * done mark in the table marks an undone milestone done, on the day written or today, and is
 * kept in the history as the import's; the table cannot undo a mark — that is the leader's,
 * with a reason.
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
