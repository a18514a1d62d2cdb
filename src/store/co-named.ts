import type { Db } from '../db/database.ts';
import { groupBy } from '../domain/group-by.ts';

/** Names by task, in the order the table wrote them. */
export type NamesByTask = Map<number, string[]>;

const namesByTask = (rows: readonly { taskId: number; name: string }[]): NamesByTask =>
  new Map([...groupBy(rows, (row) => row.taskId)].map(([taskId, named]) => [taskId, named.map((row) => row.name)]));

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
  const people = await peopleQuery.execute();
  return {
    units: namesByTask(await unitQuery.execute()),
    owners: namesByTask(people.filter((row) => row.role === 'owner')),
    leaders: namesByTask(people.filter((row) => row.role === 'leader')),
  };
}
