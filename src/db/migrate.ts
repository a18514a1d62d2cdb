import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';

const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Every `NNNN_name.ts` in `migrations/`, in name order. kysely's FileMigrationProvider imports
 * from inside node_modules, where test runners do not compile TypeScript; importing here does.
 */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(migrationFolder)).filter((file) => /^\d{4}_[\w-]+\.ts$/.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(migrationFolder, file)).href)) as Migration;
    return migrations;
  },
};

/** Applies every migration in `migrations/` not yet applied; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider: folderProvider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
