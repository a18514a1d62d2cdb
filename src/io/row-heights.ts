/**
 * How tall a printed row must be for none of its wrapped text to be cut. A spreadsheet does not
 * grow a row it opens with a height set, and exceljs cannot measure text, so the lines each cell
 * wraps into are estimated here from the text's display width against the column's width.
 *
 * Widths are in the spreadsheet's column unit: the digit width of its default font, Calibri 11
 * (5.25 pt in Excel, 5.55 pt in LibreOffice with Carlito). At the body's 10.5 pt a CJK character
 * is one em, 10.5 pt: two units. A Latin character is counted 1.2: 宋体's are half an em (one
 * unit), but where 宋体 is missing LibreOffice draws them in DejaVu Sans, 0.64 em (1.2 units).
 * Over-counting only leaves some space under the text; under-counting cuts it.
 */

/** Units a column loses to the cell's padding and the grid line. */
const PADDING_UNITS = 1;
/** A line of CJK text, in ems: Noto Sans CJK's ascent and descent are 1.45 em, 宋体's 1.15 em; with room to spare. */
const LINE_EMS = 1.55;
/** Points above and below the lines. */
const ROW_PADDING_PT = 5;
/** The tallest row a spreadsheet keeps (Excel's limit). */
export const MAX_ROW_HEIGHT_PT = 409;

const WIDE = /[\u1100-\uffff]/u;

function charWidth(char: string): number {
  return char.length > 1 || WIDE.test(char) ? 2 : 1.2;
}

/** The display width of a text in column units: CJK 2, other characters 1.2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** A CJK character (breakable after any of them), a run of blanks, or a word of other characters. */
const TOKENS = /[\u1100-\uffff]|[\u{10000}-\u{10ffff}]|\s+|[^\s\u1100-\uffff\u{10000}-\u{10ffff}]+/gu;

/**
 * The lines a text takes when wrapped in a column `width` units wide, as a spreadsheet wraps:
 * at every explicit line break, between any two CJK characters, and between Latin words (a word
 * longer than the line is broken inside).
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(width - PADDING_UNITS, 2);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    lines += 1;
    let used = 0;
    for (const token of paragraph.match(TOKENS) ?? []) {
      const tokenWidth = displayWidth(token);
      if (/^\s/u.test(token)) {
        used += tokenWidth;
      } else if (used + tokenWidth <= room) {
        used += tokenWidth;
      } else if (tokenWidth <= room) {
        lines += 1;
        used = tokenWidth;
      } else {
        if (used > 0) lines += 1;
        used = 0;
        for (const char of token) {
          const w = charWidth(char);
          if (used + w > room) {
            lines += 1;
            used = 0;
          }
          used += w;
        }
      }
    }
  }
  return lines;
}

/**
 * The height in points of a row whose cells hold `texts` in columns of `widths`, at `fontSize`:
 * its tallest cell's lines, with room to spare, up to the tallest row a spreadsheet keeps.
 */
export function rowHeight(texts: readonly string[], widths: readonly number[], fontSize: number): number {
  const lines = Math.max(1, ...texts.map((text, index) => (text === '' ? 1 : wrappedLines(text, widths[index]!))));
  return Math.min(Math.ceil(lines * fontSize * LINE_EMS + ROW_PADDING_PT), MAX_ROW_HEIGHT_PT);
}
