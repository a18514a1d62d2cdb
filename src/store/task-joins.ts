import type { Db } from '../db/database.ts';

/**
 * Tasks with their unit, responsible person (`owners`) and leader in charge (`leaders`), for
 * the queries that show a task with its chain of responsibility (一副责任人).
 *
 * @example tasksWithPeople(db).select(['tasks.code', 'units.name as unit', 'owners.name as owner'])
 */
export function tasksWithPeople(db: Db) {
  return db
    .selectFrom('tasks')
    .innerJoin('units', 'units.id', 'tasks.unitId')
    .innerJoin('people as owners', 'owners.id', 'tasks.ownerId')
    .innerJoin('people as leaders', 'leaders.id', 'tasks.leaderId');
}
