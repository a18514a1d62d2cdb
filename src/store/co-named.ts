import type { Db } from '../db/database.ts';

/** Names by task, in the order the table wrote them. */
export type NamesByTask = Map<number, string[]>;

function add(map: NamesByTask, taskId: number, name: string) {
  const list = map.get(taskId);
  if (list) list.push(name);
  else map.set(taskId, [name]);
}

/**
 * The co-units and the further people named with each task (「区发改局（牵头）、区财政局」,
 * 「张伟、李娜」), for the table and the task card. Read whole: a few per task at most.
 */
export async function coNamed(db: Db, taskId?: number): Promise<{ units: NamesByTask; owners: NamesByTask; leaders: NamesByTask }> {
  let unitQuery = db.selectFrom('taskCoUnits').innerJoin('units', 'units.id', 'taskCoUnits.unitId').select(['taskCoUnits.taskId', 'units.name']).orderBy('taskCoUnits.taskId').orderBy('taskCoUnits.position');
  let peopleQuery = db.selectFrom('taskCoPeople').innerJoin('people', 'people.id', 'taskCoPeople.personId').select(['taskCoPeople.taskId', 'taskCoPeople.role', 'people.name']).orderBy('taskCoPeople.taskId').orderBy('taskCoPeople.position');
  if (taskId !== undefined) {
    unitQuery = unitQuery.where('taskCoUnits.taskId', '=', taskId);
    peopleQuery = peopleQuery.where('taskCoPeople.taskId', '=', taskId);
  }
  const units: NamesByTask = new Map();
  const owners: NamesByTask = new Map();
  const leaders: NamesByTask = new Map();
  for (const row of await unitQuery.execute()) add(units, row.taskId, row.name);
  for (const row of await peopleQuery.execute()) add(row.role === 'owner' ? owners : leaders, row.taskId, row.name);
  return { units, owners, leaders };
}
