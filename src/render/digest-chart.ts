import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Digest, UnitLine } from '../domain/digest.ts';
import type { Light } from '../domain/status.ts';
import type { Translate } from '../i18n/translate.ts';
import { weekLabel } from './week-label.ts';

/** Noto Sans SC, shipped through npm, so that Chinese renders the same on every machine. */
export const CHART_FONT = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Rows per image: 25 rows keep an image about 1080×2600, readable on a phone and far inside Telegram's photo limits. */
export const UNITS_PER_IMAGE = 25;

/** Across the 1080 px: the label column, a blank gutter, the bars, the reporting rate's column. */
export const CHART_LAYOUT = { width: 1080, margin: 32, labelRight: 368, barLeft: 392, barRight: 920, rateRight: 1048 } as const;

const { width: WIDTH, margin: MARGIN, labelRight: LABEL_RIGHT, barLeft: BAR_LEFT, barRight: BAR_RIGHT, rateRight: RATE_RIGHT } = CHART_LAYOUT;
const ROW = 88;
const LABEL_SIZE = 26;
const LABEL_LINE = 32;
const COUNT_SIZE = 24;
const TITLE_SIZE = 34;
const NOTE_SIZE = 24;
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'done'];
const FILL: Record<Light, string> = { red: '#e5484d', yellow: '#f5c518', green: '#2da44e', done: '#b0b7c3' };
/** White reads on red and green; yellow and grey are too light for it. */
const COUNT_INK: Record<Light, string> = { red: '#ffffff', yellow: '#1f2328', green: '#ffffff', done: '#1f2328' };
const INK = '#1f2328';
const MUTED = '#57606a';
const BLUE = '#3b82f6';
const TRACK = '#e6eaef';
const STRIPE = '#f6f8fa';

/** What the chart reads of a digest: the week and the ranked units. */
export type ChartDigest = Pick<Digest, 'week' | 'firstDay' | 'lastDay' | 'units'>;

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Approximate width in em: CJK, full-width forms and curly quotes (full-width in this font) one em, Latin by letter class; it errs wide, so what it fits fits. */
export function ems(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x2e80 || (code >= 0x2014 && code <= 0x201d) || code === 0x2026) width += 1;
    else if (' .,:;\'|!()[]ijlft-/'.includes(char)) width += 0.32;
    else if ('mwMW'.includes(char)) width += 0.86;
    else width += /[A-Z]/.test(char) ? 0.68 : 0.56;
  }
  return width;
}

/** How many leading characters fit in `room` em, at least one. */
function fitting(chars: readonly string[], room: number): number {
  let used = 0;
  let count = 0;
  while (count < chars.length && used + ems(chars[count]!) <= room) used += ems(chars[count++]!);
  return Math.max(1, count);
}

/** Chinese names have no spaces, but the end of a unit's word (…局, …街道, …中心) is a good place to break. */
function endsAWord(chars: readonly string[], i: number): boolean {
  const [char, before] = [chars[i]!, chars[i - 1]];
  return '局处院所队厅'.includes(char) || (char === '道' && before === '街') || (char === '心' && before === '中') || (char === '会' && before === '员');
}

/**
 * Text in at most `maxLines` lines, the first `first` em wide and the rest `rest` em. English
 * breaks between words; Chinese after a unit's word when the rest still fits, else anywhere.
 * What is still left over is cut, the last line ending in an ellipsis.
 */
export function fitLines(text: string, first: number, rest: number, maxLines: number): string[] {
  let chars = [...text];
  const lines: string[] = [];
  while (chars.length > 0) {
    const room = lines.length === 0 ? first : rest;
    let take = fitting(chars, room);
    if (take < chars.length && lines.length === maxLines - 1) {
      take = fitting(chars, room - ems('…'));
      lines.push(chars.slice(0, take).join('').trimEnd() + '…');
      break;
    }
    for (let i = take - 1; take < chars.length && i >= take / 2; i -= 1) {
      const restFits = lines.length < maxLines - 2 || ems(chars.slice(i + 1).join('').trim()) <= rest;
      if (chars[i] === ' ' || (endsAWord(chars, i) && restFits)) {
        take = i + 1;
        break;
      }
    }
    lines.push(chars.slice(0, take).join('').trimEnd());
    chars = chars.slice(take);
    while (chars[0] === ' ') chars.shift();
  }
  return lines;
}

/** The items in pages of at most `size`, as even as can be, so an album's images are alike. */
function pages<T>(items: readonly T[], size: number): T[][] {
  const count = Math.ceil(items.length / size);
  const per = Math.ceil(items.length / Math.max(1, count));
  return Array.from({ length: count }, (_, page) => items.slice(page * per, (page + 1) * per));
}

/** Text elements, one per line, `lineHeight` apart from the first baseline. */
function textLines(lines: readonly string[], x: number, y: number, size: number, lineHeight: number, fill: string, indent = 0): string {
  return lines.map((line, i) => `<text x="${i === 0 ? x : x + indent}" y="${y + i * lineHeight}" font-size="${size}" fill="${fill}">${xml(line)}</text>`).join('');
}

/** The header: title (with the page when there are several), how to read it, and the legend. Returns the SVG and its height. */
function header(digest: ChartDigest, t: Translate, page: number, pageCount: number): { svg: string; height: number } {
  const title = t('chart.title', { week: weekLabel(digest, t) }) + (pageCount > 1 ? t('chart.page', { page, pages: pageCount }) : '');
  const titleRoom = (WIDTH - 2 * MARGIN) / TITLE_SIZE;
  const titleLines = fitLines(title, titleRoom, titleRoom, 2);
  let y = MARGIN + 36;
  const parts = [textLines(titleLines, MARGIN, y, TITLE_SIZE, 46, INK)];
  y += (titleLines.length - 1) * 46 + 44;
  const noteRoom = (WIDTH - 2 * MARGIN) / NOTE_SIZE;
  const order = fitLines(t('chart.order'), noteRoom, noteRoom, 2);
  parts.push(textLines(order, MARGIN, y, NOTE_SIZE, 32, MUTED));
  y += (order.length - 1) * 32 + 22;

  // The legend flows left to right and wraps, so that longer words (English) still fit.
  const items = [
    ...LIGHTS.map((light) => ({ label: t(`chart.${light}`), fill: FILL[light], width: 24, height: 24 })),
    { label: t('chart.reported'), fill: BLUE, width: 36, height: 12 },
  ];
  let x = MARGIN;
  for (const item of items) {
    const itemWidth = item.width + 10 + ems(item.label) * NOTE_SIZE;
    if (x + itemWidth > WIDTH - MARGIN) {
      x = MARGIN;
      y += 40;
    }
    parts.push(
      `<rect x="${x}" y="${y + (24 - item.height) / 2}" width="${item.width}" height="${item.height}" fill="${item.fill}"/>`,
      `<text x="${x + item.width + 10}" y="${y + 21}" font-size="${NOTE_SIZE}" fill="${INK}">${xml(item.label)}</text>`,
    );
    x += itemWidth + 32;
  }
  return { svg: parts.join(''), height: y + 24 + 24 };
}

/** One unit's row: rank and name, its tasks' lights as one stacked bar with the counts, its reporting rate under it and in figures. */
function row(unit: UnitLine, top: number, striped: boolean): string {
  const middle = top + ROW / 2;
  const parts: string[] = [];
  if (striped) parts.push(`<rect x="0" y="${top}" width="${WIDTH}" height="${ROW}" fill="${STRIPE}"/>`);

  const prefix = `${unit.rank}. `;
  const labelRoom = (LABEL_RIGHT - MARGIN) / LABEL_SIZE;
  const indent = ems(prefix);
  const label = fitLines(prefix + unit.unit, labelRoom, labelRoom - indent, 2);
  const firstBaseline = middle + 9 - ((label.length - 1) * LABEL_LINE) / 2;
  parts.push(textLines(label, MARGIN, firstBaseline, LABEL_SIZE, LABEL_LINE, INK, indent * LABEL_SIZE));

  const barWidth = BAR_RIGHT - BAR_LEFT;
  const barTop = top + 14;
  const total = LIGHTS.reduce((sum, light) => sum + unit.lights[light], 0);
  parts.push(`<rect x="${BAR_LEFT}" y="${barTop}" width="${barWidth}" height="40" fill="${TRACK}"/>`);
  let counted = 0;
  for (const light of LIGHTS) {
    const count = unit.lights[light];
    if (count === 0) continue;
    // From cumulative counts, so that rounding leaves no gaps between segments.
    const from = BAR_LEFT + Math.round((barWidth * counted) / total);
    counted += count;
    const to = BAR_LEFT + Math.round((barWidth * counted) / total);
    parts.push(`<rect x="${from}" y="${barTop}" width="${to - from}" height="40" fill="${FILL[light]}"/>`);
    if (ems(String(count)) * COUNT_SIZE + 6 <= to - from) {
      parts.push(`<text x="${(from + to) / 2}" y="${barTop + 29}" font-size="${COUNT_SIZE}" text-anchor="middle" fill="${COUNT_INK[light]}">${count}</text>`);
    }
  }

  const rate = unit.tasks > 0 ? Math.min(100, Math.round((100 * unit.reported) / unit.tasks)) : null;
  parts.push(`<rect x="${BAR_LEFT}" y="${top + 62}" width="${barWidth}" height="12" fill="${TRACK}"/>`);
  if (rate) parts.push(`<rect x="${BAR_LEFT}" y="${top + 62}" width="${(barWidth * rate) / 100}" height="12" fill="${BLUE}"/>`);
  parts.push(`<text x="${RATE_RIGHT}" y="${middle + 10}" font-size="30" text-anchor="end" fill="${BLUE}">${rate === null ? '—' : `${rate}%`}</text>`);
  return parts.join('');
}

/**
 * The chart as SVGs, one per album photo: each unit's tasks by light beside its reporting rate,
 * worst ranked first, at most `UNITS_PER_IMAGE` units an image. A district's 80 units make four;
 * no units, no images.
 */
export function digestChartSvgs(digest: ChartDigest, translate: Translate): string[] {
  const worstFirst = [...digest.units].sort((a, b) => b.rank - a.rank);
  const split = pages(worstFirst, UNITS_PER_IMAGE);
  return split.map((units, index) => {
    const head = header(digest, translate, index + 1, split.length);
    const height = head.height + ROW * units.length + MARGIN;
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans SC">`,
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
      head.svg,
      ...units.map((unit, i) => row(unit, head.height + i * ROW, i % 2 === 1)),
      '</svg>',
    ].join('');
  });
}

/** The chart as PNGs a phone shows well (1080 px wide), rendered without a browser. */
export function digestChartPngs(digest: ChartDigest, translate: Translate, fontFiles: readonly string[] = [CHART_FONT]): Buffer[] {
  const options = { font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } };
  return digestChartSvgs(digest, translate).map((svg) => new Resvg(svg, options).render().asPng());
}
