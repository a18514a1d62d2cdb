import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pagesToPng, printToPdf } from '../io/print-preview.ts';

/**
 * `npm run print-preview -- FILE.xlsx OUTDIR`: the workbook as it prints, as a PDF and a PNG a
 * page, for a person to look at before an office does. A developer's tool: it needs LibreOffice
 * (libreoffice-calc) and poppler-utils.
 */
async function main([workbook, outDir]: string[]): Promise<number> {
  if (!workbook || !outDir) {
    console.error('usage: npm run print-preview -- FILE.xlsx OUTDIR');
    return 2;
  }
  await mkdir(outDir, { recursive: true });
  const pdf = await printToPdf(workbook, outDir);
  await pagesToPng(pdf, outDir);
  console.log([pdf, ...(await readdir(outDir)).filter((name) => name.endsWith('.png')).map((name) => join(outDir, name))].join('\n'));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => void (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
