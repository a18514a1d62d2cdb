import { Resvg } from '@resvg/resvg-js';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { CHART_FONT, ems, fitLines } from '../render/digest-chart.ts';

/** One person's invite; `link` and `code` are null once they are linked, and then no slip is printed. */
export interface InviteSlip {
  name: string;
  unit: string;
  role: string;
  link: string | null;
  code: string | null;
}

/** The words on the sheet, translated by the caller. */
export interface SlipLabels {
  title: string;
  instruction: string;
  page: (n: number, of: number) => string;
}

/**
 * A4 portrait at 150 dpi, 2 × 4 slips under a one-line header. The QR box (quiet zone included)
 * sits at the slip's right, `qrLeft`/`qrTop` from its corner: 320 px is 54 mm printed, large
 * for a phone's camera, and leaves the text column beside it room for a four-character name at 48 px.
 */
export const SLIP_LAYOUT = { width: 1240, height: 1754, margin: 36, header: 64, columns: 2, rows: 4, slipWidth: 584, slipHeight: 404, qrLeft: 252, qrTop: 12, qrSize: 320 } as const;
export const SLIPS_PER_PAGE = SLIP_LAYOUT.columns * SLIP_LAYOUT.rows;

const { width: WIDTH, height: HEIGHT, margin: MARGIN, header: HEADER, columns: COLUMNS, slipWidth: SLIP_W, slipHeight: SLIP_H, qrLeft: QR_LEFT, qrTop: QR_TOP, qrSize: QR_SIZE } = SLIP_LAYOUT;
const PAD = 24;
/** The text column stops short of the QR box, whose quiet zone must stay blank. */
const TEXT_ROOM = QR_LEFT - PAD - 8;
const QUIET = 4;
const INK = '#1f2328';
const MUTED = '#57606a';
const CUT = '#8c959f';

/** The top-left corner of the slip in `slot` (0–7, row by row) on its page. */
export function slipOrigin(slot: number): { x: number; y: number } {
  return { x: MARGIN + (slot % COLUMNS) * SLIP_W, y: MARGIN + HEADER + Math.floor(slot / COLUMNS) * SLIP_H };
}

/** Element text, escaped; control characters XML forbids are dropped, since resvg rejects the whole SVG over one. */
const xml = (text: string) =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function text(lines: readonly string[], x: number, y: number, size: number, lineHeight: number, fill: string, extra = ''): string {
  return lines.map((line, i) => `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}" fill="${fill}"${extra}>${xml(line)}</text>`).join('');
}

/** A code read aloud over the phone is easier in groups of three or four: `ABC DEF GHJK`. */
function spaced(code: string): string {
  const groups = Math.ceil(code.length / 4);
  const parts: string[] = [];
  for (let g = 0, at = 0; g < groups; g += 1) {
    const size = Math.floor((code.length - at) / (groups - g));
    parts.push(code.slice(at, (at += size)));
  }
  return parts.join(' ');
}

/**
 * The QR code as rects, one per run of dark modules in a row, in module units scaled into the
 * box by a nested viewBox; crispEdges keeps the runs from showing anti-aliased seams.
 */
function qr(link: string, x: number, y: number): string {
  const { size, data } = QRCode.create(link, { errorCorrectionLevel: 'M' }).modules;
  const rects: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (!data[row * size + col]) continue;
      const start = col;
      while (col + 1 < size && data[row * size + col + 1]) col += 1;
      rects.push(`<rect x="${start + QUIET}" y="${row + QUIET}" width="${col - start + 1}" height="1"/>`);
    }
  }
  const side = size + 2 * QUIET;
  return `<svg x="${x}" y="${y}" width="${QR_SIZE}" height="${QR_SIZE}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#ffffff"/><g fill="#000000">${rects.join('')}</g></svg>`;
}

/** `text` at the largest of `sizes` (largest first) at which it fits `room` px wide and `height` px tall, else cut at the smallest. */
function block(text: string, room: number, height: number, sizes: readonly number[]): { lines: string[]; size: number; lineHeight: number } {
  let fitted = { lines: [] as string[], size: 0, lineHeight: 0 };
  for (const size of sizes) {
    const lineHeight = Math.round(size * 1.4);
    const lines = fitLines(text, room / size, room / size, Math.max(1, Math.floor((height - size) / lineHeight) + 1));
    fitted = { lines, size, lineHeight };
    if (!lines[lines.length - 1]!.endsWith('…')) break;
  }
  return fitted;
}

/**
 * A slip: the title, the name large (smaller rather than broken when it is long), unit and role;
 * the instruction at the foot in whatever room they leave; the QR with its code under it at the right.
 */
function slip(person: InviteSlip & { link: string }, slot: number, labels: SlipLabels): string {
  const { x, y } = slipOrigin(slot);
  const left = x + PAD;
  // The name's width errs a half em wide: ems counts some marks in names (·) narrower than the font draws them.
  const nameSize = Math.max(32, Math.min(48, Math.floor(TEXT_ROOM / (ems(person.name) + 0.5))));
  const name = fitLines(person.name, TEXT_ROOM / nameSize, TEXT_ROOM / nameSize, 2);
  const unit = fitLines(person.unit, TEXT_ROOM / 24, TEXT_ROOM / 24, 2);
  let baseline = y + 100;
  const parts = [text(fitLines(labels.title, TEXT_ROOM / 20, 0, 1), left, y + 40, 20, 0, MUTED), text(name, left, baseline, nameSize, nameSize + 6, INK)];
  baseline += (name.length - 1) * (nameSize + 6) + 42;
  parts.push(text(unit, left, baseline, 24, 30, INK));
  baseline += (unit.length - 1) * 30 + 36;
  parts.push(text(fitLines(person.role, TEXT_ROOM / 24, 0, 1), left, baseline, 24, 0, MUTED));
  const last = y + SLIP_H - 28;
  const help = block(labels.instruction, TEXT_ROOM, last - baseline - 18, [20, 18, 16]);
  parts.push(text(help.lines, left, last - (help.lines.length - 1) * help.lineHeight, help.size, help.lineHeight, MUTED));
  parts.push(qr(person.link, x + QR_LEFT, y + QR_TOP));
  if (person.code) {
    const code = spaced(person.code);
    const size = Math.min(30, Math.floor((QR_SIZE - 16) / ems(code)));
    parts.push(text([code], x + QR_LEFT + QR_SIZE / 2, y + QR_TOP + QR_SIZE + 26, size, 0, INK, ' text-anchor="middle" letter-spacing="2"'));
  }
  return parts.join('');
}

/**
 * Dashed cut lines: each slip draws its right and bottom edges, and its top and left where no
 * slip lies beyond them, so that shared edges are drawn once and an empty slot gets no box.
 */
function cutLines(slot: number): string {
  const { x, y } = slipOrigin(slot);
  const line = (x1: number, y1: number, x2: number, y2: number) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;
  const edges = [line(x + SLIP_W, y, x + SLIP_W, y + SLIP_H), line(x, y + SLIP_H, x + SLIP_W, y + SLIP_H)];
  if (slot < COLUMNS) edges.push(line(x, y, x + SLIP_W, y));
  if (slot % COLUMNS === 0) edges.push(line(x, y, x, y + SLIP_H));
  return edges.join('');
}

/** The sheets as SVGs: unlinked people only, grouped by unit in the order their units first appear. */
export function inviteSlipSvgs(slips: readonly InviteSlip[], labels: SlipLabels): string[] {
  const units = [...new Set(slips.map((person) => person.unit))];
  const printed = units.flatMap((unit) => slips.filter((person): person is InviteSlip & { link: string } => person.unit === unit && person.link !== null));
  const pageCount = Math.ceil(printed.length / SLIPS_PER_PAGE);
  return Array.from({ length: pageCount }, (_, page) => {
    const people = printed.slice(page * SLIPS_PER_PAGE, (page + 1) * SLIPS_PER_PAGE);
    const headerRoom = (WIDTH - 2 * MARGIN - 240) / 28;
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Noto Sans SC">`,
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
      text(fitLines(labels.title, headerRoom, 0, 1), MARGIN, MARGIN + 36, 28, 0, INK),
      text([labels.page(page + 1, pageCount)], WIDTH - MARGIN, MARGIN + 36, 22, 0, MUTED, ' text-anchor="end"'),
      `<g stroke="${CUT}" stroke-width="2" stroke-dasharray="12 8">${people.map((_, slot) => cutLines(slot)).join('')}</g>`,
      ...people.map((person, slot) => slip(person, slot, labels)),
      '</svg>',
    ].join('');
  });
}

/** The sheets as PNG pages to print, 8 slips a page, to be cut apart and handed out; no one to invite, no pages. */
export function renderInviteSlips(slips: readonly InviteSlip[], labels: SlipLabels): Buffer[] {
  const options = { font: { fontFiles: [CHART_FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } };
  return inviteSlipSvgs(slips, labels).map((svg) => new Resvg(svg, options).render().asPng());
}

/** A4 in points: the slips' pages fill it, 1240 × 1754 px at 150 dpi being A4's shape. */
const A4 = { width: 595.28, height: 841.89 };

/**
 * The pages as one PDF to print, A4, a page each: one file for the office to open and print
 * rather than a message per page. pdf-lib (MIT, pure JavaScript) embeds the PNGs as they are.
 */
export async function inviteSlipsPdf(pages: readonly Buffer[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const png of pages) {
    const image = await pdf.embedPng(png);
    pdf.addPage([A4.width, A4.height]).drawImage(image, { x: 0, y: 0, width: A4.width, height: A4.height });
  }
  return Buffer.from(await pdf.save());
}
