import { randomBytes } from 'node:crypto';
import { dropTestDatabases, testServer } from './test-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: every temporary file a test writes (databases, tables, the processes it
 * starts) goes under one folder, removed when the run ends, instead of piling up in the system's.
 */
export default function setup(): () => Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'duban-tests-'));
  process.env.TMPDIR = scratch;
  const run = randomBytes(3).toString('hex');
  process.env.TEST_DATABASE_RUN = run;
  return async () => {
    rmSync(scratch, { recursive: true, force: true });
    // So do the databases the tests made on the PostgreSQL server, when the suite ran there.
    if (testServer) await dropTestDatabases(testServer, `duban_t_${run}_`);
  };
}
