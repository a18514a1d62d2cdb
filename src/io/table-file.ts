import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCsvTable, writeCsvTable, type ReadResult } from './csv-table.ts';
import type { Sheet } from './sheet.ts';
import { readXlsxTable, writeXlsxTable } from './xlsx-table.ts';

export type TableFormat = 'csv' | 'xlsx';

export function tableFormatOf(path: string): TableFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.xlsx' ? 'xlsx' : undefined;
}

/** Reads a `.csv` or `.xlsx` into raw cells, or says why it cannot. */
export async function readTableFile(path: string): Promise<ReadResult> {
  const format = tableFormatOf(path);
  if (!format) return { ok: false, problems: [{ line: null, column: null, code: 'file.extension', params: { extension: extname(path) || path } }] };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, problems: [{ line: null, column: null, code: 'file.unreadable', params: { reason: (error as NodeJS.ErrnoException).code ?? String(error) } }] };
  }
  return format === 'csv' ? readCsvTable(bytes) : readXlsxTable(bytes);
}

/** Writes the sheet as `.csv` or `.xlsx`, chosen by the path's extension. */
export async function writeTableFile(path: string, sheet: Sheet): Promise<void> {
  const format = tableFormatOf(path);
  if (!format) throw new Error(`unsupported extension: ${extname(path)}`);
  await writeFile(path, format === 'csv' ? writeCsvTable(sheet) : await writeXlsxTable(sheet));
}
