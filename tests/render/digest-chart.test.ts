import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest.ts';
import { translator } from '../../src/i18n/translate.ts';
import { CHART_FONT, digestChartPng } from '../../src/render/digest-chart.ts';

/** Renders one line of text and returns its pixels, to look at what a phone would show. */
function renderText(text: string, fontFiles: string[]) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="55" font-size="40" font-family="Noto Sans SC" fill="#000">${text}</text></svg>`;
  const image = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

const darkPixels = ({ pixels }: { pixels: Buffer }) => {
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) dark += 1;
  return dark;
};

describe('the digest chart', () => {
  it('draws Chinese labels as glyphs, each its own shape, with the font the project installs', () => {
    const one = renderText('瓯江街道', [CHART_FONT]);
    const other = renderText('藤桥镇政', [CHART_FONT]);
    expect(darkPixels(one)).toBeGreaterThan(500);
    expect(darkPixels(other)).toBeGreaterThan(500);
    // Missing glyphs would all be the same box; different characters must differ.
    expect(Buffer.compare(one.pixels, other.pixels)).not.toBe(0);
  });

  it('would show nothing where the text stands without that font, which is what the check above rules out', () => {
    expect(darkPixels(renderText('瓯江街道', []))).toBe(0);
  });

  it('renders a PNG 1080 px wide with a row for each unit', () => {
    const units = ['瓯江街道', '区发改局', '藤桥镇'].map((unit, i) => ({ unit, tasks: 4, reported: 3, onTrack: 2 - i, averageProgress: 50, progressGap: 0, rank: i + 1, move: null }));
    const png = digestChartPng({ week: '2025-W24', units } as unknown as Digest, translator('zh-CN'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1080);
    expect(png.readUInt32BE(20)).toBe(150 + 64 * 3 + 40);
  });
});
