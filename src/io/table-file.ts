import { readFile, stat, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCsvTable, writeCsvTable, type ReadResult } from './csv-table.ts';
import type { Sheet } from './sheet.ts';
import { humanBytes, WORKBOOK_LIMITS } from './workbook-guard.ts';
import { readXlsxTable, writeXlsxTable } from './xlsx-table.ts';

export type TableFormat = 'csv' | 'xlsx';

export function tableFormatOf(path: string): TableFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : undefined;
}

/** A table file as large as this is no task table: refused before it is read (Telegram lets a bot download 20 MB at most anyway). */
export const MAX_TABLE_FILE_BYTES = WORKBOOK_LIMITS.maxFileBytes;

const unsupported = (name: string): ReadResult => ({ ok: false, problems: [{ line: null, column: null, code: 'file.extension', params: { extension: extname(name) || name } }] });
const tooLarge = (size: number): ReadResult => ({ ok: false, problems: [{ line: null, column: null, code: 'file.tooLarge', params: { size: humanBytes(size), limit: humanBytes(MAX_TABLE_FILE_BYTES) } }] });

/** Reads a `.csv` or `.xlsx` into raw cells, or says why it cannot. */
export async function readTableFile(path: string): Promise<ReadResult> {
  if (!tableFormatOf(path)) return unsupported(path);
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > MAX_TABLE_FILE_BYTES) return tooLarge(size);
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, problems: [{ line: null, column: null, code: 'file.unreadable', params: { reason: (error as NodeJS.ErrnoException).code ?? String(error) } }] };
  }
  return readTableBytes(path, bytes);
}

/** Reads a table's bytes by its file name's extension, as a file sent in the chat comes. */
export async function readTableBytes(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const format = tableFormatOf(name);
  if (!format) return unsupported(name);
  if (bytes.length > MAX_TABLE_FILE_BYTES) return tooLarge(bytes.length);
  return format === 'csv' ? readCsvTable(bytes) : readXlsxTable(bytes);
}

/** Writes the sheet as `.csv` or `.xlsx`, chosen by the path's extension. */
export async function writeTableFile(path: string, sheet: Sheet, further: readonly Sheet[] = []): Promise<void> {
  const format = tableFormatOf(path);
  if (!format) throw new Error(`unsupported extension: ${extname(path)}`);
  // A CSV file holds one table: the further sheets go only into a workbook.
  await writeFile(path, format === 'csv' ? writeCsvTable(sheet) : await writeXlsxTable(sheet, ...further));
}
