import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sentTo, startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testConfig, TEST_TOKEN } from './duban.ts';

/**
 * A district for an end-to-end test: its table imported (CSV text, or a fixture file), the named
 * people linked to their chats, duban running against the Bot API emulator on the test's clock.
 * `stop` fails the test if duban logged an error.
 *
 * @example const district = await districtOnPhones({ table: TABLE, links: [['王芳', 311]], clock }); … await district.stop()
 */
export async function districtOnPhones(options: {
  table: string;
  links: readonly (readonly [string, number])[];
  clock: { now: () => Date };
  settings?: Record<string, string>;
  /** When the table was imported: the tasks' start where the table gives none. */
  importedAt?: Date;
}) {
  const emulator = await startEmulator();
  const { db, path } = await freshDatabase();
  const file = options.table.endsWith('.csv') ? options.table : join(mkdtempSync(join(tmpdir(), 'duban-district-')), 'table.csv');
  if (file !== options.table) writeFileSync(file, options.table);
  await importFixture(db, file, options.importedAt ?? options.clock.now());
  for (const [name, chat] of options.links) await db.updateTable('people').set({ telegramUserId: chat }).where('name', '=', name).execute();
  const config = testConfig(path, emulator.apiRoot, options.settings);
  const { app, logs } = await startDuban(config, { now: options.clock.now });
  return {
    emulator, db, path, config, app, logs,
    phone: (id: number, name = '手机') => new TestUser(emulator.server, TEST_TOKEN, id, name),
    sentTo: (chatId: number) => sentTo(emulator.server, chatId),
    /** Waits until everything queued has been sent. */
    async drained() {
      app.wakeSender();
      await outboxDrained(db);
    },
    async stop() {
      expect(logs.filter((line) => line.includes('"level":50'))).toEqual([]);
      await app.stop();
      await db.destroy();
      await emulator.stop();
    },
  };
}
