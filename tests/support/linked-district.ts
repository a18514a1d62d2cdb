import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app.ts';
import { BotApiProxy } from '../../src/demo/bot-api-proxy.ts';
import { startEmulator } from '../../src/demo/emulator.ts';
import { freshDatabase, importFixture } from './duban.ts';
import { linkEveryOwner, writeGeneratedTable } from './generated-table.ts';

/**
 * For delivery tests: `people` owners with `tasksEach` tasks each, every owner linked, and a Bot
 * API emulator behind our recording proxy (whose `rule` the test sets). `apiRoot` is the proxy's.
 *
 * @example const district = await linkedDistrict(400, 2, clock.now()); … await district.stop(app)
 */
export async function linkedDistrict(people: number, tasksEach: number, now: Date) {
  const emulator = await startEmulator();
  const proxy = new BotApiProxy(emulator.apiRoot);
  const apiRoot = await proxy.start();
  const { db, path } = await freshDatabase();
  await importFixture(db, writeGeneratedTable(mkdtempSync(join(tmpdir(), 'duban-table-')), people, tasksEach), now);
  const owners = await linkEveryOwner(db);
  return {
    emulator, proxy, apiRoot, db, path, owners,
    async stop(app: RunningApp | undefined) {
      await app?.stop();
      await db.destroy();
      await proxy.stop();
      await emulator.stop();
    },
  };
}
