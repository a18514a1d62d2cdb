import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CLI_TOKEN = '123456:cli-test-token';

/**
 * The admin command line as an admin runs it: a real process on a real database. With
 * `peakMemory`, the process reports its peak resident memory (KB) on stderr as it exits.
 */
export function cli(databaseUrl: string, ...args: string[]) {
  return cliWith(databaseUrl, {}, ...args);
}

export function cliWith(databaseUrl: string, options: { peakMemory?: boolean; env?: Record<string, string> }, ...args: string[]) {
  const loader = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
  const report = options.peakMemory ? ['--import', pathToFileURL(resolve('tests/support/report-peak-memory.mjs')).href] : [];
  return spawnSync(process.execPath, ['--import', loader, ...report, resolve('src/cli.ts'), ...args], {
    encoding: 'utf8',
    cwd: mkdtempSync(join(tmpdir(), 'duban-cwd-')),
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, BOT_TOKEN: CLI_TOKEN, LOCALE: 'zh-CN', TIMEZONE: 'Asia/Shanghai', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The peak resident memory a `peakMemory` run reported, in bytes. */
export function peakMemoryOf(run: { stderr: string }): number {
  const kb = /peak-rss-kb (\d+)/.exec(run.stderr)?.[1];
  if (kb === undefined) throw new Error(`no peak memory reported: ${run.stderr}`);
  return Number(kb) * 1024;
}

export { count, dump, freshDatabaseUrl, query } from './test-database.ts';
