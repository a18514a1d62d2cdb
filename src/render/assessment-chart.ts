import { Resvg } from '@resvg/resvg-js';
import type { TargetResult } from '../domain/assessment-results.ts';
import { SCORE_MAX } from '../domain/score-reply.ts';
import type { Translate } from '../i18n/translate.ts';
import { scoreText } from './assessment-results.ts';
import { CHART_FONT, CHART_LAYOUT, fitLines } from './digest-chart.ts';

const { width: WIDTH, margin: MARGIN, labelRight: LABEL_RIGHT, barLeft: BAR_LEFT, barRight: BAR_RIGHT } = CHART_LAYOUT;
const ROW = 76;
const LABEL_SIZE = 26;
const LABEL_LINE = 30;
const TITLE_SIZE = 34;
const NOTE_SIZE = 24;
const HEAD = MARGIN + TITLE_SIZE + 16 + NOTE_SIZE + 32;
const INK = '#1f2328';
const MUTED = '#57606a';
const BAR = '#3b82f6';
const LOW = '#e5484d';
const TRACK = '#e6eaef';
const STRIPE = '#f6f8fa';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function row(result: TargetResult, y: number, striped: boolean, t: Translate, lowBelow: number): string {
  const parts = [striped ? `<rect x="0" y="${y}" width="${WIDTH}" height="${ROW}" fill="${STRIPE}"/>` : ''];
  const label = result.rank === null ? `— ${result.unit}` : `${result.rank}. ${result.unit}`;
  // A long name takes two lines rather than running into the bar.
  const lines = fitLines(label, (LABEL_RIGHT - MARGIN) / LABEL_SIZE, (LABEL_RIGHT - MARGIN) / LABEL_SIZE, 2);
  const middle = y + ROW / 2 + LABEL_SIZE * 0.35;
  const first = middle - ((lines.length - 1) * LABEL_LINE) / 2;
  lines.forEach((line, i) => parts.push(`<text x="${LABEL_RIGHT}" y="${first + i * LABEL_LINE}" font-size="${LABEL_SIZE}" fill="${INK}" text-anchor="end">${xml(line)}</text>`));
  parts.push(`<rect x="${BAR_LEFT}" y="${y + 16}" width="${BAR_RIGHT - BAR_LEFT}" height="${ROW - 32}" rx="4" fill="${TRACK}"/>`);
  if (result.overall === null) {
    parts.push(`<text x="${BAR_LEFT + 12}" y="${middle}" font-size="${LABEL_SIZE - 2}" fill="${MUTED}">${xml(t('assess.results.tooFew'))}</text>`);
  } else {
    const length = ((BAR_RIGHT - BAR_LEFT) * result.overall) / SCORE_MAX;
    const low = (result.means ?? []).some((mean) => mean < lowBelow);
    parts.push(`<rect x="${BAR_LEFT}" y="${y + 16}" width="${length.toFixed(1)}" height="${ROW - 32}" rx="4" fill="${low ? LOW : BAR}"/>`);
    parts.push(`<text x="${BAR_RIGHT + 16}" y="${middle}" font-size="${LABEL_SIZE}" fill="${INK}">${scoreText(result.overall)}</text>`);
  }
  return parts.join('');
}

/**
 * A round's results as one chart: the targets ranked, each a bar out of 5 (red where a criterion
 * fell below the follow-up threshold), those with too few ratings last, with no bar.
 */
export function assessmentChartSvg(results: readonly TargetResult[], t: Translate, options: { round: string; minRaterUnits: number; lowBelow: number }): string {
  const height = HEAD + ROW * results.length + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans SC">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE}" font-size="${TITLE_SIZE}" fill="${INK}">${xml(t('assess.results.chartTitle', { round: options.round }))}</text>`,
    `<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE + 16 + NOTE_SIZE}" font-size="${NOTE_SIZE}" fill="${MUTED}">${xml(t('assess.results.chartNote', { min: options.minRaterUnits }) + (options.lowBelow > 0 ? t('assess.results.chartLow', { threshold: options.lowBelow }) : ''))}</text>`,
    ...results.map((result, i) => row(result, HEAD + i * ROW, i % 2 === 1, t, options.lowBelow)),
    '</svg>',
  ].join('');
}

export function assessmentChartPng(results: readonly TargetResult[], t: Translate, options: { round: string; minRaterUnits: number; lowBelow: number }): Buffer {
  return new Resvg(assessmentChartSvg(results, t, options), { font: { fontFiles: [CHART_FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render().asPng();
}
