import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import { dialectOf } from './dialect.ts';

const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Every `NNNN_name.ts` in `migrations/` (`.js` once built into `dist/`), in name order. kysely's FileMigrationProvider imports
 * from inside node_modules, where test runners do not compile TypeScript; importing here does.
 */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(migrationFolder)).filter((file) => /^\d{4}_[\w-]+\.[jt]s$/.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) migrations[file.replace(/\.[jt]s$/, '')] = (await import(pathToFileURL(join(migrationFolder, file)).href)) as Migration;
    return migrations;
  },
};

const ATTEMPTS = 5;

/**
 * Applies every migration in `migrations/` not yet applied; returns the names applied now. Of
 * processes starting together, one migrates: the Migrator holds a lock (PostgreSQL's advisory
 * lock; on SQLite our lock row, sqlite-migration-lock.ts). On SQLite the one waiting for that lock
 * row still writes while it asks for it, so a migration's own transaction may find the file
 * written under it: it then starts over, as any transaction does (`mayRetry`).
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  for (let attempt = 1; ; attempt += 1) {
    const { error, results = [] } = await new Migrator({ db, provider: folderProvider }).migrateToLatest();
    if (!error) return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
    if (attempt >= ATTEMPTS || !dialectOf(db).mayRetry(error)) throw error instanceof Error ? error : new Error(String(error));
  }
}
