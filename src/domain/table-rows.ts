import type { Cell } from './calendar-date.ts';

/**
 * What a row of an office's table is besides a task: a section heading (「一、经济发展（2项）」,
 * often merged across the row) or a total (合计). Both are passed over with a note; anything else
 * is read as a task, so that a half-filled task row is reported, never skipped.
 */
export type RowKind = 'task' | 'section' | 'total';

const SECTION = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[)）]|第[一二三四五六七八九十百\d]+[部分类章篇项]|.*[（(]\d+项[)）]$)/;
const TOTAL = /^(?:合计|总计|小计|共计)(?:[:：].*)?$/;

/** A cell's words as compared here: no blanks at all, so that 「合 计」 is 合计. */
const bare = (cell: Cell) => (cell === null || cell instanceof Date ? '' : String(cell).normalize('NFKC').replace(/\s+/g, ''));

/**
 * @example kindOfRow(['一、经济发展（2项）', '一、经济发展（2项）', '一、经济发展（2项）'], 'x') // 'section'
 * @example kindOfRow(['合计', '', '', '12'], '') // 'total'
 */
export function kindOfRow(cells: readonly Cell[], title: Cell): RowKind {
  const texts = cells.map(bare).filter((text) => text !== '');
  if (texts.some((text) => TOTAL.test(text)) && (bare(title) === '' || TOTAL.test(bare(title)))) return 'total';
  const distinct = new Set(texts);
  if (distinct.size !== 1) return 'task';
  const [only] = distinct;
  // One text spread over three cells or more is a merged heading, whatever its words.
  return SECTION.test(only!) || texts.length >= 3 ? 'section' : 'task';
}

/**
 * Lines as a person reads a list of them: runs joined, `3、7–9、12`.
 *
 * @example lineRanges([3, 7, 8, 9, 12]) // '3、7–9、12'
 */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join('、');
}
