import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Digest } from '../domain/digest.ts';
import type { Translate } from '../i18n/translate.ts';

/** Noto Sans SC, shipped through npm, so that Chinese renders the same on every machine. */
export const CHART_FONT = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

const WIDTH = 1080;
const ROW = 64;
const TOP = 150;
const LABEL = 300;
const BAR = WIDTH - LABEL - 140;

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as SVG: each unit's reporting rate and share on track as bars, in the digest's ranking. */
export function digestChartSvg(digest: Digest, translate: Translate): string {
  const height = TOP + ROW * Math.max(1, digest.units.length) + 40;
  const rows = digest.units.map((unit, index) => {
    const y = TOP + index * ROW;
    const reported = Math.round((100 * unit.reported) / unit.tasks);
    const onTrack = Math.round((100 * unit.onTrack) / unit.tasks);
    return [
      `<text x="${LABEL - 16}" y="${y + 30}" font-size="26" text-anchor="end" fill="#1f2328">${xml(`${unit.rank}. ${unit.unit}`)}</text>`,
      `<rect x="${LABEL}" y="${y + 6}" width="${(BAR * reported) / 100}" height="22" fill="#3b82f6"/>`,
      `<text x="${LABEL + (BAR * reported) / 100 + 8}" y="${y + 25}" font-size="20" fill="#3b82f6">${reported}%</text>`,
      `<rect x="${LABEL}" y="${y + 32}" width="${(BAR * onTrack) / 100}" height="22" fill="#2da44e"/>`,
      `<text x="${LABEL + (BAR * onTrack) / 100 + 8}" y="${y + 51}" font-size="20" fill="#2da44e">${onTrack}%</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans SC">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="40" y="60" font-size="36" fill="#1f2328">${xml(translate('chart.title', { week: digest.week }))}</text>`,
    `<rect x="40" y="90" width="24" height="24" fill="#3b82f6"/><text x="74" y="110" font-size="22" fill="#1f2328">${xml(translate('chart.reported'))}</text>`,
    `<rect x="300" y="90" width="24" height="24" fill="#2da44e"/><text x="334" y="110" font-size="22" fill="#1f2328">${xml(translate('chart.onTrack'))}</text>`,
    ...rows,
    '</svg>',
  ].join('');
}

/** The chart as a PNG a phone shows well (1080 px wide), rendered without a browser. */
export function digestChartPng(digest: Digest, translate: Translate, fontFiles: readonly string[] = [CHART_FONT]): Buffer {
  const resvg = new Resvg(digestChartSvg(digest, translate), { font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } });
  return resvg.render().asPng();
}
