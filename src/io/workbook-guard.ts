import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';
import type { Problem } from '../domain/problem.ts';

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

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

interface Entry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

class NotAZip extends Error {}

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
    const counted = await inflatedSize(data, entry, isSheet, limits.maxUnpackedBytes - total);
    if (counted === null) return notWorkbook();
    if (counted.bytes > entry.unpacked || total + counted.bytes > limits.maxUnpackedBytes) return tooLarge(`> ${humanBytes(total + counted.bytes)}`, humanBytes(limits.maxUnpackedBytes));
    if (counted.rows > limits.maxRows) return { line: null, column: null, code: 'file.tooManyRows', params: { rows: `> ${limits.maxRows}`, limit: limits.maxRows } };
    total += counted.bytes;
  }
  return null;
}

/** An entry's unpacked size, stopping once past `budget`, and, for a worksheet, its `<row` count; null: not deflate data. */
async function inflatedSize(data: Buffer, entry: Entry, countRows: boolean, budget: number): Promise<{ bytes: number; rows: number } | null> {
  const at = entry.localOffset;
  const start = at + LOCAL_SIZE + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
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

function need(condition: boolean): asserts condition {
  if (!condition) throw new NotAZip();
}

/** Reads a little-endian 64-bit field; beyond 2^53 it is as good as infinite for any limit here. */
function uint64(data: Buffer, at: number): number {
  need(at + 8 <= data.length);
  return Number(data.readBigUInt64LE(at));
}

/** Where the last occurrence of a 4-byte signature starts, or -1. */
function lastSignature(data: Buffer, signature: number): number {
  for (let at = data.length - 4; at >= 0; at--) {
    if (data[at] === (signature & 0xff) && data.readUInt32LE(at) === signature) return at;
  }
  return -1;
}

/**
 * The central directory as JSZip (ExcelJS's zip reader) will see it, so that nothing it
 * inflates escapes the count: JSZip takes the last end-of-central-directory signature in the
 * file (the record is last but for a comment of up to 64 KiB), follows a ZIP64 locator when a
 * field overflows, shifts every offset by any bytes prepended to the zip, and then reads
 * central directory entries for as long as their signature follows, whatever count and size the
 * end record declares.
 */
function centralDirectory(data: Buffer, maxEntries: number): { count: number; entries: Entry[] } {
  const eocd = lastSignature(data, SIG_EOCD);
  need(eocd >= 0 && eocd + EOCD_SIZE <= data.length);
  let disk = data.readUInt16LE(eocd + 4);
  let cdDisk = data.readUInt16LE(eocd + 6);
  let count = data.readUInt16LE(eocd + 10);
  let cdSize = data.readUInt32LE(eocd + 12);
  let cdOffset = data.readUInt32LE(eocd + 16);
  let expectedEocd = cdOffset + cdSize;
  if (disk === 0xffff || cdDisk === 0xffff || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = lastSignature(data, SIG_ZIP64_LOCATOR);
    need(locator >= 0 && locator + 20 <= data.length);
    need(data.readUInt32LE(locator + 16) <= 1);
    let record = uint64(data, locator + 8);
    if (!(record + 4 <= data.length && data.readUInt32LE(record) === SIG_ZIP64_EOCD)) record = lastSignature(data, SIG_ZIP64_EOCD);
    need(record >= 0 && record + 56 <= data.length);
    disk = data.readUInt32LE(record + 16);
    cdDisk = data.readUInt32LE(record + 20);
    count = uint64(data, record + 32);
    cdSize = uint64(data, record + 40);
    cdOffset = uint64(data, record + 48);
    expectedEocd = cdOffset + cdSize + 20 + 12 + uint64(data, record + 4);
  }
  // A workbook is never split over several disks.
  need(disk === 0 && cdDisk === 0);
  // Bytes prepended to the zip shift every offset it declares.
  const base = eocd - expectedEocd;
  need(base >= 0);
  // The count the end record declares, if too many, spares walking them; JSZip does not trust it.
  if (count > maxEntries) return { count, entries: [] };
  return readCentralEntries(data, cdOffset + base, base, maxEntries);
}

/** The entries, up to `maxEntries` of them, and how many there are (all counted, however many). */
function readCentralEntries(data: Buffer, start: number, base: number, maxEntries: number): { count: number; entries: Entry[] } {
  const entries: Entry[] = [];
  let count = 0;
  for (let at = start; at + 4 <= data.length && data.readUInt32LE(at) === SIG_CENTRAL; count++) {
    need(at + CENTRAL_SIZE <= data.length);
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    let packed = data.readUInt32LE(at + 20);
    let unpacked = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    let localOffset = data.readUInt32LE(at + 42);
    const extraStart = at + CENTRAL_SIZE + nameLength;
    const next = extraStart + extraLength + commentLength;
    need(next <= data.length);
    const name = data.toString('utf8', at + CENTRAL_SIZE, extraStart).replace(/^\//, '');
    // A ZIP64 extra field (id 1; the last one, as JSZip reads them) holds, in this order,
    // whichever of the sizes and the offset overflowed.
    let zip64 = -1;
    for (let extra = extraStart; extra + 4 <= extraStart + extraLength; extra += 4 + data.readUInt16LE(extra + 2)) {
      if (data.readUInt16LE(extra) === 1) zip64 = extra;
    }
    if (zip64 >= 0) {
      let field = zip64 + 4;
      const fieldEnd = field + data.readUInt16LE(zip64 + 2);
      const take = () => {
        need(field + 8 <= fieldEnd);
        field += 8;
        return uint64(data, field - 8);
      };
      if (unpacked === 0xffffffff) unpacked = take();
      if (packed === 0xffffffff) packed = take();
      if (localOffset === 0xffffffff) localOffset = take();
    }
    // Encrypted entries, and methods other than stored and deflated, JSZip cannot read either.
    need((flags & 1) === 0 && (method === 0 || method === 8));
    localOffset += base;
    need(localOffset + LOCAL_SIZE <= data.length && localOffset + packed <= data.length);
    if (count < maxEntries) entries.push({ name, method, packed, unpacked, localOffset });
    at = next;
  }
  need(count > 0);
  return { count, entries };
}

/** Up to the first 64 KiB of an entry's contents, inflating no more than that. */
function sheetHead(data: Buffer, entry: Entry): string {
  const at = entry.localOffset;
  need(data.readUInt32LE(at) === SIG_LOCAL);
  const start = at + LOCAL_SIZE + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  need(start + entry.packed <= data.length);
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
