/** Zip files made byte by byte, so that every bad workbook a test needs is made by the test. */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

// ---- A zip writer, so that every bad file is made here, to measure ----

export interface ZipEntry {
  name: string;
  /** The contents; or `packed` (raw deflate) with the `size` and `crc` it declares. */
  data?: string | Buffer;
  packed?: Buffer;
  size?: number;
  crc?: number;
  stored?: boolean;
}

interface ZipOptions {
  comment?: string;
  /** Bytes before the zip, as a self-extracting archive has. */
  prefix?: Buffer;
  /** ZIP64 records throughout: sizes and offsets in extra fields, a ZIP64 end of central directory. */
  zip64?: boolean;
  /** What the end record says the entry count is, if not the truth. */
  declaredCount?: number;
}

export function zipFile(entries: ZipEntry[], options: ZipOptions = {}): Buffer {
  const { comment = '', prefix = Buffer.alloc(0), zip64 = false } = options;
  const parts: Buffer[] = [prefix];
  const central: Buffer[] = [];
  let offset = prefix.length;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = entry.data === undefined ? undefined : Buffer.from(entry.data);
    const packed = entry.packed ?? (entry.stored ? data! : deflateRawSync(data!));
    const size = entry.size ?? data!.length;
    const crc = entry.crc ?? crc32(data!);
    const method = entry.stored ? 0 : 8;
    const big = zip64 ? 0xffffffff : undefined;
    const local = Buffer.concat([
      u32(0x04034b50), u16(zip64 ? 45 : 20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc),
      u32(big ?? packed.length), u32(big ?? size), u16(name.length), u16(zip64 ? 20 : 0), name,
      ...(zip64 ? [Buffer.from(u16s(1, 16)), u64(size), u64(packed.length)] : []),
    ]);
    central.push(Buffer.concat([
      u32(0x02014b50), u16(zip64 ? 45 : 20), u16(zip64 ? 45 : 20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc),
      u32(big ?? packed.length), u32(big ?? size), u16(name.length), u16(zip64 ? 28 : 0), u16(0), u16(0), u16(0), u32(0), u32(big ?? offset - prefix.length), name,
      ...(zip64 ? [Buffer.from(u16s(1, 24)), u64(size), u64(packed.length), u64(offset - prefix.length)] : []),
    ]));
    parts.push(local, packed);
    offset += local.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const count = options.declaredCount ?? entries.length;
  const end: Buffer[] = [];
  if (zip64) {
    const record = offset - prefix.length + directory.length;
    end.push(u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(directory.length), u64(offset - prefix.length));
    end.push(u32(0x07064b50), u32(0), u64(record), u32(1));
  }
  const text = Buffer.from(comment);
  end.push(
    u32(0x06054b50), u16(0), u16(0), u16(zip64 ? 0xffff : count), u16(zip64 ? 0xffff : count),
    u32(zip64 ? 0xffffffff : directory.length), u32(zip64 ? 0xffffffff : offset - prefix.length), u16(text.length), text,
  );
  return Buffer.concat([...parts, directory, ...end]);
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}
function u16s(...values: number[]): number[] {
  return values.flatMap((value) => [value & 0xff, value >> 8]);
}
function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}
function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
}

// ---- The smallest workbook ExcelJS reads ----

export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function sheetXml(dimension: string, rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>事项</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>D-1</t></is></c><c r="B2" t="inlineStr"><is><t>修路</t></is></c></row>'): string {
  return `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`;
}

export function workbookParts(sheet: ZipEntry = { name: 'xl/worksheets/sheet1.xml', data: sheetXml('A1:B2') }, more: ZipEntry[] = []): ZipEntry[] {
  return [
    { name: '[Content_Types].xml', data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>` },
    { name: '_rels/.rels', data: `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="任务" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    sheet,
    ...more,
  ];
}

// ---- A zip bomb: a sheet of 1.5 GiB (XML, then blanks), deflated to 1.5 MB, made chunkwise ----

export const BOMB_SIZE = 1.5 * 1024 ** 3;

/**
 * A sheet of `size` bytes unpacked (its XML, then blanks), deflated about 1000:1, made chunkwise
 * so that the test never holds it unpacked. `declared`: the size its zip entry claims, when it lies.
 */
export async function bombSheet(size = BOMB_SIZE, declared = size): Promise<ZipEntry> {
  const head = Buffer.from(`${XML}<worksheet xmlns="${NS}"><dimension ref="A1"/><sheetData>`);
  const tail = Buffer.from('</sheetData></worksheet>');
  const blanks = Buffer.alloc(16 * 1024 * 1024, ' ');
  // Z_RLE packs a run as tightly as level 9 does (about 1030:1), three times faster.
  const deflate = createDeflateRaw({ level: 9, strategy: constants.Z_RLE });
  const packed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => packed.push(chunk));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(head);
  let left = size - head.length - tail.length;
  for (; left > 0; left -= blanks.length) await write(left >= blanks.length ? blanks : blanks.subarray(0, left));
  await write(tail);
  deflate.end();
  await ended;
  return { name: 'xl/worksheets/sheet1.xml', packed: Buffer.concat(packed), size: declared, crc };
}

