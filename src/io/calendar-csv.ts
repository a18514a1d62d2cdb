import { parse } from 'csv-parse/sync';

/** A calendar file's lines as cells, or why it could not be read at all (not UTF-8, broken quotes). */
export function readCalendarCsv(bytes: Uint8Array): { ok: true; rows: string[][] } | { ok: false; reason: 'notUtf8' | 'syntax'; detail?: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'notUtf8' };
  }
  try {
    return { ok: true, rows: parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][] };
  } catch (error) {
    return { ok: false, reason: 'syntax', detail: (error as Error).message };
  }
}
