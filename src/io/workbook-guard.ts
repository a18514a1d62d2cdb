import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { Problem } from '../domain/problem.ts';
import { centralDirectory, entryStart, NotAZip, type ZipEntry } from './zip-directory.ts';

/**
 * What an imported `.xlsx` may cost before ExcelJS is let near it. A real task table is a few
 * hundred KB unpacked; a 1.5 MB zip bomb that unpacks to 1.5 GiB took 1.8 GB of memory in
 * ExcelJS, a sheet of 3 million rows 3.5 GB and 41 s.
 *
 * - `maxFileBytes`: the file as sent (Telegram lets a bot download 20 MB at most anyway).
 * - `maxUnpackedBytes`: the sum of the sizes the zip declares for its entries once unpacked.
 * - `maxEntries`: entries in the zip (Excel writes 10–20; every picture adds one or two).
 * - `maxRatio`: unpacked ÷ packed size of any entry of more than 1 MB unpacked; XML of a real
 *   sheet deflates 5–30 times, a run of one byte about 1000 times.
 * - `maxRows`: the last row a worksheet's `<dimension ref="A1:K…"/>` names.
 */
export const WORKBOOK_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 2000,
  /** Per entry, for entries of more than 1 MB unpacked. */
  maxRatio: 200,
  maxRows: 50_000,
};

export type WorkbookLimits = typeof WORKBOOK_LIMITS;

/** Entries this small are not held to `maxRatio`: a 1 MB sheet of empty cells may well deflate 300:1. */
const RATIO_FLOOR = 1024 * 1024;
/** How much of a worksheet's XML is unpacked to find its `<dimension>` (Excel writes it in the first 1 KB). */
const SHEET_HEAD_BYTES = 64 * 1024;

/**
 * Refuses an `.xlsx` that would cost ExcelJS too much, or that is no workbook at all, from what
 * the zip declares: its end of central directory and central directory are read, nothing is
 * inflated but the first 64 KiB of each worksheet (for its `<dimension>`). Cost: the file's bytes
 * (already in memory) plus about 64 KiB, whatever the file declares.
 *
 * What it cannot see: sizes that lie. Every zip tool writes the true sizes, so this stops the
 * bombs that are made with one, not a crafted file. ExcelJS 4.4 (`xlsx.load`) calls
 * `JSZip.loadAsync(buffer)` without options, so JSZip 3.10 keeps its default
 * `checkCRC32: false`: no CRC is ever checked (a workbook whose sheet's CRC is wrong loads). JSZip
 * inflates each entry whole into memory without consulting the declared size, and compares the
 * two only at the end ("Bug : uncompressed data size mismatch"): a 1 MB file whose sheet declares
 * 1000 bytes and unpacks to 1 GiB passes this check and costs ExcelJS 1.2 GB and 6 s before it
 * fails. Likewise `<dimension>` is optional and may lie: `maxRows` stops the honest
 * 3-million-row sheet, not a crafted one.
 */
export function checkWorkbook(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): Problem | null {
  if (bytes.length > limits.maxFileBytes) return tooLarge(humanBytes(bytes.length), humanBytes(limits.maxFileBytes));
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const { count, entries } = centralDirectory(data, limits.maxEntries);
    if (count > limits.maxEntries) return tooLarge(count, limits.maxEntries);
    if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) return notWorkbook();
    const total = entries.reduce((sum, entry) => sum + entry.unpacked, 0);
    if (total > limits.maxUnpackedBytes) return tooLarge(humanBytes(total), humanBytes(limits.maxUnpackedBytes));
    for (const entry of entries) {
      if (entry.unpacked > RATIO_FLOOR && entry.unpacked > Math.max(entry.packed, 1) * limits.maxRatio) {
        return tooLarge(humanBytes(entry.unpacked), humanBytes(entry.packed * limits.maxRatio));
      }
    }
    for (const entry of entries) {
      if (!/^xl\/worksheets\/sheet[^/]*\.xml$/.test(entry.name)) continue;
      const rows = dimensionRows(sheetHead(data, entry));
      if (rows !== null && rows > limits.maxRows) return { line: null, column: null, code: 'file.tooManyRows', params: { rows, limit: limits.maxRows } };
    }
    return null;
  } catch (error) {
    if (error instanceof NotAZip) return notWorkbook();
    throw error;
  }
}

/**
 * `checkWorkbook`, then every entry inflated as a stream and counted, its output dropped as it
 * comes: a crafted zip whose declared sizes lie, or whose `<dimension>` lies, is refused once it
 * unpacks past what it declared, past `maxUnpackedBytes`, or past `maxRows` rows (`<row`
 * elements counted in the worksheets). Memory: one chunk at a time, whatever the file holds; time:
 * at most `maxUnpackedBytes` inflated, well under a second.
 */
export async function checkWorkbookFully(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<Problem | null> {
  const declared = checkWorkbook(bytes, limits);
  if (declared) return declared;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of centralDirectory(data, limits.maxEntries).entries) {
    const isSheet = /^xl\/worksheets\/sheet[^/]*\.xml$/.test(entry.name);
    const counted = await inflatedSize(data, entry, isSheet, limits.maxUnpackedBytes - total).catch((error: unknown) => {
      if (error instanceof NotAZip) return null;
      throw error;
    });
    if (counted === null) return notWorkbook();
    if (counted.bytes > entry.unpacked || total + counted.bytes > limits.maxUnpackedBytes) return tooLarge(`> ${humanBytes(total + counted.bytes)}`, humanBytes(limits.maxUnpackedBytes));
    if (counted.rows > limits.maxRows) return { line: null, column: null, code: 'file.tooManyRows', params: { rows: `> ${limits.maxRows}`, limit: limits.maxRows } };
    total += counted.bytes;
  }
  return null;
}

/** An entry's unpacked size, stopping once past `budget`, and, for a worksheet, its `<row` count; null: not deflate data. */
async function inflatedSize(data: Buffer, entry: ZipEntry, countRows: boolean, budget: number): Promise<{ bytes: number; rows: number } | null> {
  const start = entryStart(data, entry);
  const packed = data.subarray(start, start + entry.packed);
  const count = (chunk: Buffer, carry: string) => (carry + chunk.toString('latin1')).split('<row').length - 1;
  if (entry.method === 0) return { bytes: packed.length, rows: countRows ? count(packed, '') : 0 };
  const inflate = createInflateRaw();
  let bytes = 0;
  let rows = 0;
  let carry = '';
  try {
    inflate.end(packed);
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (countRows) {
        rows += count(chunk, carry);
        carry = chunk.toString('latin1', Math.max(0, chunk.length - 3));
      }
      // Past what it declared or what is left: stop unpacking, the answer is known.
      if (bytes > entry.unpacked || bytes > budget) {
        inflate.destroy();
        break;
      }
    }
  } catch {
    return null;
  }
  return { bytes, rows };
}

function notWorkbook(): Problem {
  return { line: null, column: null, code: 'file.notWorkbook' };
}

function tooLarge(size: string | number, limit: string | number): Problem {
  return { line: null, column: null, code: 'file.tooLarge', params: { size, limit } };
}

/** `1.5 GiB`, `100 MB`, `512 KB`: in 1024s, as Windows shows file sizes, one decimal at most. */
export function humanBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'GiB'] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'B'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/** Up to the first 64 KiB of an entry's contents, inflating no more than that. */
function sheetHead(data: Buffer, entry: ZipEntry): string {
  const start = entryStart(data, entry);
  const packed = data.subarray(start, start + entry.packed);
  if (entry.method === 0) return packed.toString('latin1', 0, Math.min(packed.length, SHEET_HEAD_BYTES));
  // inflateRawSync throws rather than stop at maxOutputLength; Z_SYNC_FLUSH lets it take a cut-off
  // stream. So: inflate a prefix of the packed bytes, halved until what it unpacks to fits.
  for (let length = Math.min(packed.length, SHEET_HEAD_BYTES); length > 0; length = Math.floor(length / 2)) {
    try {
      return inflateRawSync(packed.subarray(0, length), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: SHEET_HEAD_BYTES }).toString('latin1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw new NotAZip();
    }
  }
  return '';
}

/** The last row of `<dimension ref="A1:K3000"/>` (3000), or null when the sheet's head has none. */
function dimensionRows(head: string): number | null {
  const ref = /<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (ref === undefined) return null;
  const rows = [...ref.matchAll(/[A-Za-z]*\$?(\d+)/g)].map((match) => Number(match[1]));
  return rows.length > 0 ? Math.max(...rows) : null;
}
