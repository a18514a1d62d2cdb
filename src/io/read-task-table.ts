import { readTaskTable, type TaskTable } from '../domain/task-table.ts';
import { readTableBytes, readTableFile } from './table-file.ts';

/** A `.csv` or `.xlsx` file read and validated whole: every row, or every problem. */
export async function readTaskTableFile(path: string): Promise<TaskTable> {
  const read = await readTableFile(path);
  return read.ok ? readTaskTable(read.table) : read;
}

/** The same for a file's bytes, as an admin sends it in the chat. */
export async function readTaskTableBytes(name: string, bytes: Uint8Array): Promise<TaskTable> {
  const read = await readTableBytes(name, bytes);
  return read.ok ? readTaskTable(read.table) : read;
}
