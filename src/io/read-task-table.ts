import { readTaskTable, type TaskTable } from '../domain/task-table.ts';
import { readTableFile } from './table-file.ts';

/** A `.csv` or `.xlsx` file read and validated whole: every row, or every problem. */
export async function readTaskTableFile(path: string): Promise<TaskTable> {
  const read = await readTableFile(path);
  return read.ok ? readTaskTable(read.table) : read;
}
