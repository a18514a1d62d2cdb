/**
 * A zip's central directory, read as JSZip (ExcelJS's zip reader) reads it, without inflating
 * anything: the names, methods, declared sizes and offsets of its entries. What a workbook guard
 * needs to know before a zip library is let near the file.
 */

export const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
export const LOCAL_SIZE = 30;

export interface ZipEntry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

/** The bytes are not a zip JSZip could read. */
export class NotAZip extends Error {}

export function need(condition: boolean): asserts condition {
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
export function centralDirectory(data: Buffer, maxEntries: number): { count: number; entries: ZipEntry[] } {
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
function readCentralEntries(data: Buffer, start: number, base: number, maxEntries: number): { count: number; entries: ZipEntry[] } {
  const entries: ZipEntry[] = [];
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


/** Where an entry's packed bytes start, after its local header. */
export function entryStart(data: Buffer, entry: ZipEntry): number {
  const at = entry.localOffset;
  need(data.readUInt32LE(at) === SIG_LOCAL);
  const start = at + LOCAL_SIZE + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  need(start + entry.packed <= data.length);
  return start;
}
