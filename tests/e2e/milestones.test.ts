import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator, TestUser, type BotMessage } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';

const GROUP = -1005550000011;
const ids = { wangFang: 301, chenChen: 302, chenJing: 401 };

/**
 * A milestone gets done (issue 14): overdue, it makes its task red; the responsible person taps
 * its button on the prompt and sends a photo; the next digest no longer holds it against the task
 * and lists it as done, late; the leader in charge sees who marked it and when, and can undo a
 * wrong mark with a reason. Through telegraf and the Bot API emulator.
 */
describe('a milestone marked done', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let logs: string[];
  const clock = testClock('2025-06-01T10:00:00+08:00');
  const steps = () => ({ db, config, t: translator('zh-CN') });
  const phone = (id: number, name: string) => new TestUser(emulator.server, TEST_TOKEN, id, name);
  const plain = (text: string) => text.replace(/<[^>]+>/g, '');
  const drained = async () => {
    app.wakeSender();
    await outboxDrained(db);
  };
  const digestOf = (week: string) => sentTo(emulator.server, GROUP).map((m) => plain(m.text)).filter((text, i, all) => all.slice(0, i + 1).some((t) => t.includes(`督查周报 · ${week}`))).join('\n');
  let firstDigest = '';

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/milestone-task.csv', clock.now());
    for (const [name, chat] of [['王芳', ids.wangFang], ['陈晨', ids.chenChen], ['陈静', ids.chenJing]] as const) {
      await db.updateTable('people').set({ telegramUserId: chat }).where('name', '=', name).execute();
    }
    config = testConfig(database.path, emulator.apiRoot, { LEADERSHIP_CHAT_ID: String(GROUP) });
    ({ app, logs } = await startDuban(config, { now: clock.now }));

    // Week 24: both report; M-1's first milestone (05-31) is overdue and not done.
    clock.set('2025-06-09T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    await drained();
    clock.set('2025-06-10T10:00:00+08:00');
    await phone(ids.wangFang, '芳').send('/report M-1 40% 方案已报批，等待批复');
    await phone(ids.chenChen, '晨').send('/report M-2 50% 已对接企业96家');
    clock.set('2025-06-13T17:00:00+08:00');
    await runDigestStep(steps(), clock.now());
    await drained();
    firstDigest = sentTo(emulator.server, GROUP).map((m) => plain(m.text)).join('\n');
  });

  afterAll(async () => {
    expect((logs ?? []).filter((line) => line.includes('"level":50'))).toEqual([]);
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('is red while its milestone is overdue, and the on-track task’s answer is in the digest too', () => {
    expect(firstDigest).toContain('🔴 M-1 社区撤扩并改革试点');
    expect(firstDigest).toContain('节点 2025-05-31 方案报批 已逾期 13 天');
    expect(firstDigest).toContain('区民政局 · 王芳 · 分管 陈静');
    expect(firstDigest).toMatch(/🟢 M-2 政银企对接 · 50% · “已对接企业96家”/);
  });

  let ack: BotMessage | undefined;
  it('is marked done from the prompt’s button, and a photo in reply is its evidence', async () => {
    clock.set('2025-06-16T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    const wang = phone(ids.wangFang, '芳');
    await drained();
    const prompt = sentTo(emulator.server, ids.wangFang).findLast((m) => m.text.includes('M-1') && m.buttons.length > 0)!;
    expect(prompt.text).toContain('近期节点：2025-05-31 方案报批（已逾期 16 天）');
    clock.set('2025-06-16T10:05:00+08:00');
    await wang.press(prompt, '✅ 节点完成：05-31 方案报批');
    [ack] = await wang.read();
    expect(plain(ack!.text)).toBe('✅ 已标记 M-1 节点 2025-05-31 方案报批 完成（逾期 16 天完成）。\n回复本条消息可发送照片或文件作为佐证。');
    expect(await wang.sendPhoto('approval-scan', { replyTo: ack!.messageId })).toEqual(['📎 已为 M-1 节点 2025-05-31 方案报批 补充佐证（共 1 个文件）。']);
    // Tapping again marks nothing twice.
    await wang.press(prompt, '✅ 节点完成：05-31 方案报批');
    expect((await wang.read()).map((m) => plain(m.text))).toEqual(['M-1 节点 2025-05-31 方案报批 已于 2025-06-16 标记完成。']);
  });

  it('no longer makes the task red in the next digest, which lists it as done, late', async () => {
    clock.set('2025-06-17T10:00:00+08:00');
    await phone(ids.wangFang, '芳').send('/report M-1 45% 批复已下达');
    await phone(ids.chenChen, '晨').send('/report M-2 55%');
    clock.set('2025-06-20T17:00:00+08:00');
    await runDigestStep(steps(), clock.now());
    await drained();
    const digest = digestOf('第25周');
    expect(digest).toContain('✅ 本周完成的节点（1）');
    expect(digest).toContain('2025-06-16 M-1 节点 2025-05-31 方案报批 — 区民政局 · 王芳（逾期 16 天完成）');
    expect(digest).not.toContain('方案报批 已逾期');
    expect(digest).toMatch(/🟢 M-1 社区撤扩并改革试点 · 45% · “批复已下达”/);
  });

  it('shows the leader in charge who marked it and when in /task, and lets them undo it with a reason', async () => {
    const chen = phone(ids.chenJing, '静');
    await chen.write('/task M-1');
    const [card] = await chen.read();
    expect(plain(card!.text)).toContain('✅ 1. 2025-05-31 方案报批 — 王芳 06-16 10:05 标记完成（逾期 16 天完成） 📎1');
    expect(plain(card!.text)).toContain('⬜ 2. 2025-09-30 试点社区挂牌 70%');
    clock.set('2025-06-21T09:00:00+08:00');
    await chen.press(card!, '↩️ 撤销完成标记：05-31 方案报批');
    const [ask] = await chen.read();
    expect(ask!.forceReply).toBe(true);
    expect(await chen.send('批复尚未正式下达', { replyTo: ask!.messageId })).toEqual(['↩️ 已撤销 M-1 节点 2025-05-31 方案报批 的完成标记，并告知 王芳。']);
    await drained();
    expect(plain(sentTo(emulator.server, ids.wangFang).at(-1)!.text)).toContain('陈静撤销了 M-1 节点 2025-05-31 方案报批 的完成标记：批复尚未正式下达');
    const after = plain((await chen.send('/task M-1'))[0]!);
    expect(after).toMatch(/^🔴 /);
    expect(after).toContain('❗ 1. 2025-05-31 方案报批');
    expect(after).toContain('↩️ 06-21 09:00 陈静 撤销了节点 2025-05-31 方案报批 的完成标记：批复尚未正式下达');
  });

  it('is refused to anyone but the leader in charge or an admin, and to anyone but the owner to mark', async () => {
    expect(await phone(ids.chenChen, '晨').send('/milestone M-1')).toEqual([expect.stringContaining('事项 M-1 不由您负责报送，未记录')]);
  });

  it('can be marked by command, with a photo as its evidence, numbered by date', async () => {
    clock.set('2025-06-22T09:00:00+08:00');
    const answer = await phone(ids.wangFang, '芳').sendPhoto('sign-photo', { caption: '/milestone M-1 2' });
    expect(answer.map(plain)).toEqual(['✅ 已标记 M-1 节点 2025-09-30 试点社区挂牌 完成（提前 100 天完成），佐证已附上。']);
    const marks = await db.selectFrom('milestoneMarks').select(['action', 'actor', 'evidence']).orderBy('id').execute();
    expect(marks).toEqual([
      { action: 'done', actor: '王芳', evidence: JSON.stringify(['photo:approval-scan']) },
      { action: 'undone', actor: '陈静', evidence: '[]' },
      { action: 'done', actor: '王芳', evidence: JSON.stringify(['photo:sign-photo']) },
    ]);
  });
});
