import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { SLIP_LAYOUT, slipOrigin } from '../../src/io/invite-slips.ts';

/** jsqr's types declare an ES default export on a CommonJS module, whose function is also its own `default`. */
const jsQR = jsqr.default;

/** The text of the QR code in `slot` of a PNG page of slips, or null when there is none. */
export function decodeSlot(page: PNG, slot: number): string | null {
  const { x, y } = slipOrigin(slot);
  const { qrLeft, qrTop, qrSize } = SLIP_LAYOUT;
  const crop = new Uint8ClampedArray(qrSize * qrSize * 4);
  for (let row = 0; row < qrSize; row += 1) {
    const from = ((y + qrTop + row) * page.width + x + qrLeft) * 4;
    crop.set(page.data.subarray(from, from + qrSize * 4), row * qrSize * 4);
  }
  return jsQR(crop, qrSize, qrSize)?.data ?? null;
}

/** The pages of a PDF of slips as a printer would see them: rendered by poppler at the slips' 150 dpi. */
export function pdfPages(pdf: Buffer): PNG[] {
  const folder = mkdtempSync(join(tmpdir(), 'duban-slips-'));
  writeFileSync(join(folder, 'slips.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', join(folder, 'slips.pdf'), join(folder, 'page')]);
  return readdirSync(folder).filter((name) => name.endsWith('.png')).sort().map((name) => PNG.sync.read(readFileSync(join(folder, name))));
}
