import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../src/domain/calendar-date.ts';
import type { UnitLine } from '../../src/domain/digest.ts';
import { translator } from '../../src/i18n/translate.ts';
import { CHART_FONT, CHART_LAYOUT, digestChartPngs, digestChartSvgs, type ChartDigest } from '../../src/render/digest-chart.ts';

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

const zh = translator('zh-CN');
/** Twenty characters: unwrapped, at the labels' size, it would run far into the bars. */
const LONG_NAME = '区住房和城乡建设局城市更新中心综合管理科';

function unit(rank: number, name: string, lights: UnitLine['lights']): UnitLine {
  const tasks = lights.red + lights.yellow + lights.green;
  return { unit: name, tasks, reported: Math.max(0, tasks - (rank % 4)), onTrack: lights.green, lights, averageProgress: 50, progressGap: 0, rank, move: null, assessment: null, extended: 0 };
}

function digestOf(units: UnitLine[]): ChartDigest {
  return { week: '2026-W24', firstDay: '2026-06-08' as CalendarDate, lastDay: '2026-06-14' as CalendarDate, units };
}

/** A district: 80 units, 25 tasks each (2,000 in all), every eighth with a twenty-character name; in the digest's order, best first. */
const district = digestOf(
  Array.from({ length: 80 }, (_, i) => {
    const [red, yellow, done] = [i % 5, (i * 3) % 7, i % 3];
    return unit(i + 1, i % 8 === 3 ? LONG_NAME : `第${i + 1}街道`, { red, yellow, green: 25 - red - yellow - done, done });
  }),
);

/** The text of each `<text>` element, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
/** The rank each row's label starts with, in the order drawn. */
const ranks = (svg: string) => texts(svg).flatMap((text) => /^(\d+)\. /.exec(text)?.[1] ?? []).map(Number);

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

  it('splits a district of 80 units into four photos, each within Telegram’s limits', () => {
    const pngs = digestChartPngs(district, zh);
    expect(pngs).toHaveLength(4);
    for (const png of pngs) {
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      expect(width).toBe(1080);
      expect(width + height).toBeLessThanOrEqual(10_000);
      expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(20);
      expect(png.length).toBeLessThan(10 * 1024 * 1024);
    }
  });

  it('shows every unit once, worst first, with its rank', () => {
    const svgs = digestChartSvgs(district, zh);
    const all = svgs.flatMap(ranks);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const first = ranks(svgs[0]!);
    expect(first[0]).toBe(80);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    expect(first.length).toBeLessThanOrEqual(25);
    expect(svgs[0]).toContain('各单位红黄绿灯与报送率 · 第24周（6月8日—14日）（1/4）');
  });

  it('wraps or shortens a long name and keeps its rank, so that it stays clear of the bars', () => {
    const svg = digestChartSvgs(district, zh)[0]!;
    const { rank } = district.units.find((line) => line.unit === LONG_NAME && line.rank > 60)!;
    const lines = texts(svg);
    expect(lines.some((text) => text.includes(LONG_NAME))).toBe(false);
    const at = lines.findIndex((text) => text.startsWith(`${rank}. `));
    expect(at).toBeGreaterThan(-1);
    const shown = lines[at]!.slice(`${rank}. `.length) + lines[at + 1]!;
    expect(shown === LONG_NAME || (shown.endsWith('…') && LONG_NAME.startsWith(shown.slice(0, -1)))).toBe(true);

    // On the rendered image, the blank strip between labels and bars has no ink below the header.
    const image = new Resvg(svg, { font: { fontFiles: [CHART_FONT], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } }).render();
    const barTops = [...svg.matchAll(new RegExp(`<rect x="${CHART_LAYOUT.barLeft}" y="(\\d+)"`, 'g'))].map((match) => Number(match[1]));
    const rowsTop = Math.min(...barTops) - 14;
    const { pixels, width, height } = image; // each read of `pixels` copies the whole image: once
    let inkInGutter = 0;
    let inkInLabels = 0;
    for (let y = rowsTop; y < height; y += 1) {
      for (let x = CHART_LAYOUT.margin; x < CHART_LAYOUT.barLeft - 2; x += 1) {
        if (pixels[4 * (y * width + x)]! < 160) x > CHART_LAYOUT.labelRight + 2 ? (inkInGutter += 1) : (inkInLabels += 1);
      }
    }
    expect(inkInLabels).toBeGreaterThan(1000);
    expect(inkInGutter).toBe(0);
  });

  it('draws each unit’s lights in proportion, and a few units as one photo without a page number', () => {
    const few = digestOf([
      unit(1, '瓯江街道', { red: 0, yellow: 0, green: 10, done: 2 }),
      unit(2, '区发改局', { red: 0, yellow: 3, green: 9, done: 0 }),
      unit(3, '藤桥镇', { red: 5, yellow: 0, green: 15, done: 0 }),
    ]);
    const svgs = digestChartSvgs(few, zh);
    expect(svgs).toHaveLength(1);
    expect(svgs[0]).not.toContain('（1/');
    expect(ranks(svgs[0]!)).toEqual([3, 2, 1]);
    // 藤桥镇's five red of twenty: a quarter of the bar; no other unit has red.
    const red = [...svgs[0]!.matchAll(/<rect x="(\d+)" y="\d+" width="(\d+)" height="40" fill="#e5484d"\/>/g)];
    expect(red).toHaveLength(1);
    expect(Number(red[0]![2])).toBeCloseTo((CHART_LAYOUT.barRight - CHART_LAYOUT.barLeft) / 4, 0);
    expect(digestChartPngs(few, zh)).toHaveLength(1);
  });
});
