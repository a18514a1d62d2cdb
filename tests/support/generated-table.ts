import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/db/database.ts';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { sentTo } from '../../src/demo/emulator.ts';

/**
 * A table of `people × tasksEach` tasks, written as a CSV in `dir`: owner i has tasks
 * T-i-1…; units and leaders rotate. For delivery tests that need many chats.
 */
export function writeGeneratedTable(dir: string, people: number, tasksEach: number): string {
  const rows = ['编号,事项,责任单位,责任人,分管领导,开始时间,完成时限'];
  for (let person = 0; person < people; person += 1) {
    for (let task = 1; task <= tasksEach; task += 1) {
      rows.push(`T-${person}-${task},第${person}号责任人的第${task}项任务,单位${person % 12},人员${person},领导${person % 4},2025-01-01,2025-12-31`);
    }
  }
  const path = join(dir, `generated-${people}x${tasksEach}.csv`);
  writeFileSync(path, rows.join('\n'));
  return path;
}

/** Links every owner to a Telegram chat (100000 + their id) without going through /start. */
export async function linkEveryOwner(db: Db): Promise<Map<number, string>> {
  const owners = await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select(['people.id', 'people.name']).where('units.kind', '=', 'unit').execute();
  for (const owner of owners) await db.updateTable('people').set({ telegramUserId: 100_000 + owner.id }).where('id', '=', owner.id).execute();
  return new Map(owners.map((owner) => [100_000 + owner.id, owner.name]));
}

/**
 * How many copies of each generated task's prompt reached its owner (`T-i-j` in the text), by the
 * emulator's record: for counting, after a kill, what was lost (none may be 0) and what repeated.
 */
export function promptCopies(server: TelegramServer, owners: Map<number, string>, tasksEach: number): Map<string, number> {
  const copies = new Map<string, number>();
  for (const [chatId, name] of owners) {
    const index = name.replace('人员', '');
    const texts = sentTo(server, chatId).map((m) => m.text);
    for (let task = 1; task <= tasksEach; task += 1) {
      const code = `T-${index}-${task}`;
      copies.set(code, texts.filter((text) => text.includes(`${code} `)).length);
    }
  }
  return copies;
}
