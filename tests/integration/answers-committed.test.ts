import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { createLogger } from '../../src/logger.ts';
import { inviteKey } from '../../src/store/invites.ts';
import { freshDatabase, importFixture, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { linkEveryOwner, writeGeneratedTable } from '../support/generated-table.ts';

const MONDAY = new Date('2025-06-09T10:00:00+08:00');

/**
 * An update is done when its handling resolves: its answer and its acknowledgement are committed
 * by then, on SQLite and PostgreSQL alike. (A handler that let go of its flow's promise had
 * PostgreSQL commit the update before the flow wrote: an answer came in after, or was lost.)
 */
describe('answers arriving together', () => {
  it('are each recorded and acknowledged by the time their update is handled: /report, /done', async () => {
    const { db, path } = await freshDatabase();
    await importFixture(db, writeGeneratedTable(mkdtempSync(join(tmpdir(), 'duban-burst-')), 40, 1), MONDAY);
    const owners = [...(await linkEveryOwner(db))];
    const config = testConfig(path, 'http://127.0.0.1:9');
    const t = translator('zh-CN');
    await runPromptStep({ db, config, t }, MONDAY);
    const bot = createBot(TEST_TOKEN, { config, db, t, logger: createLogger({ level: 'fatal', secrets: [] }), inviteKey: inviteKey(TEST_TOKEN), now: () => new Date(MONDAY.getTime() + 3600_000), wakeSender: () => {} });
    bot.botInfo = { id: 1, is_bot: true, first_name: 'duban', username: 'duban_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } as typeof bot.botInfo;
    const update = (id: number, chatId: number, text: string) => {
      const from = { id: chatId, is_bot: false, first_name: '张伟' };
      const command = text.split(' ')[0]!.length;
      return { update_id: id, message: { message_id: id, date: 0, text, from, chat: { id: chatId, type: 'private', first_name: '张伟' }, entities: [{ type: 'bot_command', offset: 0, length: command }] } } as Update;
    };
    await Promise.all(owners.map(([chatId, name], i) => bot.handleUpdate(update(i + 1, chatId, `/report T-${name.replace('人员', '')}-1 60% 进展顺利`))));
    expect(Number((await db.selectFrom('checkIns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(owners.length);
    const acks = await db.selectFrom('outbox').select('chatId').where('dedupeKey', 'like', 'reply:u:%').execute();
    expect(new Set(acks.map((row) => row.chatId)).size).toBe(owners.length);

    await Promise.all(owners.map(([chatId, name], i) => bot.handleUpdate(update(5000 + i, chatId, `/done T-${name.replace('人员', '')}-1`))));
    const asked = await db.selectFrom('outbox').select('chatId').where('dedupeKey', 'like', 'reply:u:50__:%').execute();
    expect(new Set(asked.map((row) => row.chatId)).size).toBe(owners.length);
    await db.destroy();
  });
});
