import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A workbook printed to PDF as an office would print it, by LibreOffice headless (Debian:
 * libreoffice-calc): its print area, paper, scale, repeated header and footer. Each call has its
 * own throwaway LibreOffice profile, so that runs side by side do not wait on one another's lock.
 */
export async function printToPdf(workbook: string, outDir: string, timeoutMs = 120_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'duban-soffice-'));
  try {
    await run('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, workbook], {
      timeout: timeoutMs,
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const pdf = join(outDir, `${basename(workbook, extname(workbook))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no ${pdf}`);
  return pdf;
}

/** The PDF's pages as PNG images (poppler-utils' pdftoppm, at `dpi`), for a person to look at. */
export async function pagesToPng(pdf: string, outDir: string, dpi = 80): Promise<void> {
  await run('pdftoppm', ['-r', String(dpi), '-png', pdf, join(outDir, basename(pdf, '.pdf'))]);
}
