import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: every temporary file a test writes (databases, tables, the processes it
 * starts) goes under one folder, removed when the run ends, instead of piling up in the system's.
 */
export default function setup(): () => void {
  const scratch = mkdtempSync(join(tmpdir(), 'duban-tests-'));
  process.env.TMPDIR = scratch;
  return () => rmSync(scratch, { recursive: true, force: true });
}
