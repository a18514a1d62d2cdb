import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { runRemindStep } from '../../src/jobs/remind-step.ts';
import type { InviteEntry } from '../../src/store/invites.ts';
import { freshDatabase, importFixture, invitesOf, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { sentTo, startEmulator, TestUser, type BotMessage } from '../../src/demo/emulator.ts';

const GROUP = -1001234567890;

/**
 * A whole reporting week, through telegraf talking HTTP to telegram-test-api, against a real
 * SQLite file, with the clock set by the test: link, prompt, answer three ways, a rejected
 * answer, remind the silent, escalate to the leaders, digest to the group, a late answer.
 */
describe('a whole weekly cycle', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let invites: InviteEntry[];
  const clock = testClock('2025-06-01T10:00:00+08:00');
  const steps = () => ({ db, config, t: translator('zh-CN') });
  const person = (name: string, unit: string, id: number) => ({ user: new TestUser(emulator.server, TEST_TOKEN, id, name), code: invites.find((e) => e.name === name && e.unit === unit)!.code!, id });

  let zhangOjiang: ReturnType<typeof person>;
  let liNa: ReturnType<typeof person>;
  let zhangCivil: ReturnType<typeof person>;
  let liuYang: ReturnType<typeof person>;
  let zhaoMin: ReturnType<typeof person>;
  let wangJianguo: ReturnType<typeof person>;
  let chenJing: ReturnType<typeof person>;
  const prompts = new Map<number, BotMessage>();

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/five-tasks.csv', clock.now());
    invites = await invitesOf(db);
    config = testConfig(database.path, emulator.apiRoot, { LEADERSHIP_CHAT_ID: String(GROUP) });
    ({ app } = await startDuban(config, { now: clock.now }));

    zhangOjiang = person('张伟', 'Ojiang Street', 101);
    liNa = person('李娜', 'Development Bureau', 102);
    zhangCivil = person('张伟', 'Civil Affairs Bureau', 103);
    liuYang = person('刘洋', 'Economy Bureau', 104);
    zhaoMin = person('赵敏', 'Tengqiao Town', 105);
    wangJianguo = person('王建国', '区领导班子', 201);
    chenJing = person('陈静', '区领导班子', 202);
    for (const p of [zhangOjiang, liNa, zhangCivil, liuYang, zhaoMin, wangJianguo, chenJing]) await p.user.send(`/start ${p.code}`);
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('prompts each linked owner on Monday about each open task, with buttons', async () => {
    clock.set('2025-06-09T09:00:00+08:00');
    const run = await runPromptStep(steps(), clock.now());
    expect(run).toEqual({ ran: true, week: '2025-W24', queued: 5, skipped: 0 });
    app.wakeSender();
    for (const p of [zhangOjiang, liNa, zhangCivil, liuYang, zhaoMin]) {
      const [prompt] = await p.user.read();
      prompts.set(p.id, prompt!);
    }
    const prompt = prompts.get(zhangOjiang.id)!;
    expect(prompt.text).toContain('A-1');
    expect(prompt.text).toContain('Renovate village');
    expect(prompt.text).toContain('完成时限：2025-06-30');
    expect(prompt.buttons.map((b) => b.text)).toEqual(['0%', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%', '无变化', '受阻']);
    expect(prompts.get(zhangCivil.id)!.text).toContain('A-3');
  });

  it('records a button answer, then takes the next text as its note', async () => {
    const [ack] = await zhangOjiang.user.tap(prompts.get(zhangOjiang.id)!, '60%');
    expect(ack).toContain('已记录 A-1 Renovate village：60%');
    expect(ack).toContain('回复本条消息可补充说明');
    const [noted] = await zhangOjiang.user.send('完成签约120户');
    expect(noted).toContain('60%');
    expect(noted).toContain('说明：完成签约120户');
  });

  it('keeps a photo sent as a reply to the prompt as evidence of the answer', async () => {
    const [ack] = await zhangOjiang.user.sendPhoto('photo-of-signing', { replyTo: prompts.get(zhangOjiang.id)!.messageId });
    expect(ack).toContain('说明：完成签约120户');
    expect(ack).toContain('佐证：1 个文件');
    const [row] = await db.selectFrom('checkIns').innerJoin('tasks', 'tasks.id', 'checkIns.taskId').select('evidence').where('tasks.code', '=', 'A-1').execute();
    expect(JSON.parse(row!.evidence)).toEqual(['photo-of-signing']);
  });

  it('records a one-line reply to the prompt, with its problems', async () => {
    const [ack] = await liNa.user.send('45% 完成投资18亿元 问题：土地指标未落实', { replyTo: prompts.get(liNa.id)!.messageId });
    expect(ack).toContain('已记录 A-2 Invest：45%');
    expect(ack).toContain('说明：完成投资18亿元');
    expect(ack).toContain('问题：土地指标未落实');
  });

  it('rejects 120% and records nothing, then takes a /report', async () => {
    const [rejected] = await zhangCivil.user.send('/report A-3 120% 方案已起草');
    expect(rejected).toContain('进度应在 0–100% 之间，您写的是 120%，未记录');
    const [ack] = await zhangCivil.user.send('/report A-3 30% 方案已起草');
    expect(ack).toContain('已记录 A-3 Community reform：30%');
    const answers = await db.selectFrom('checkIns').innerJoin('tasks', 'tasks.id', 'checkIns.taskId').select(['percent']).where('tasks.code', '=', 'A-3').execute();
    expect(answers).toEqual([{ percent: 30 }]);
  });

  it('refuses a report on someone else’s task and an unknown code, recording nothing', async () => {
    const [notYours] = await liuYang.user.send('/report A-1 90% 已完成');
    expect(notYours).toContain('事项 A-1 不由您负责报送，未记录。您的事项：A-4');
    const [unknown] = await liuYang.user.send('/report ZZ-9 50%');
    expect(unknown).toContain('没有编号为“ZZ-9”的事项');
    const a1 = await db.selectFrom('checkIns').innerJoin('tasks', 'tasks.id', 'checkIns.taskId').select('percent').where('tasks.code', '=', 'A-1').execute();
    expect(a1).toEqual([{ percent: 60 }]);
  });

  it('never asks anyone twice about the same task in one cycle', async () => {
    const again = await runPromptStep(steps(), new Date('2025-06-09T11:00:00+08:00'));
    expect(again).toEqual({ ran: true, week: '2025-W24', queued: 0, skipped: 5 });
    await outboxDrained(db);
    for (const p of [zhangOjiang, liNa, zhangCivil, liuYang, zhaoMin]) {
      expect(sentTo(emulator.server, p.id).filter((m) => m.text.includes('本周进度报送'))).toHaveLength(1);
    }
  });

  it('does not prompt again after a restart in the same cycle', async () => {
    await app.stop();
    ({ app } = await startDuban(config, { now: clock.now }));
    const again = await runPromptStep(steps(), new Date('2025-06-10T09:00:00+08:00'));
    expect(again.queued).toBe(0);
    await outboxDrained(db);
    expect(sentTo(emulator.server, liuYang.id).filter((m) => m.text.includes('本周进度报送'))).toHaveLength(1);
  });

  it('reminds on Wednesday only those who have not answered, without escalating', async () => {
    clock.set('2025-06-11T09:00:00+08:00');
    const run = await runRemindStep(steps(), clock.now());
    expect(run).toMatchObject({ status: 'done', reminded: 2, escalated: 0, final: false });
    app.wakeSender();
    await outboxDrained(db);
    const reminded = (id: number) => sentTo(emulator.server, id).some((m) => m.text.includes('催办'));
    expect(reminded(liuYang.id)).toBe(true);
    expect(reminded(zhaoMin.id)).toBe(true);
    for (const answered of [zhangOjiang, liNa, zhangCivil]) expect(reminded(answered.id)).toBe(false);
    expect(sentTo(emulator.server, liuYang.id).find((m) => m.text.includes('催办'))!.text).toContain('A-4 Enterprise service');
    await liuYang.user.read();
    await zhaoMin.user.read();
  });

  it('escalates with the last reminder of the week to each leader in charge, privately', async () => {
    clock.set('2025-06-13T09:00:00+08:00');
    const run = await runRemindStep(steps(), clock.now());
    expect(run).toMatchObject({ status: 'done', reminded: 2, escalated: 2, final: true });
    app.wakeSender();
    const [toWang] = await wangJianguo.user.read();
    expect(toWang!.text).toContain('您分管的以下事项第24周（6月9日—15日）尚未报送');
    expect(toWang!.text).toContain('A-5 Clean-up — Tengqiao Town · 赵敏');
    expect(toWang!.text).not.toContain('A-4');
    const [toChen] = await chenJing.user.read();
    expect(toChen!.text).toContain('A-4 Enterprise service — Economy Bureau · 刘洋');
    expect(toChen!.text).not.toContain('A-5');
    await liuYang.user.read();
    await zhaoMin.user.read();
  });

  it('posts the digest to the leadership group: rate, attention, units, the silent named', async () => {
    clock.set('2025-06-13T17:00:00+08:00');
    const run = await runDigestStep(steps(), clock.now());
    expect(run).toMatchObject({ status: 'done', week: '2025-W24', parts: 1, delivered: true });
    app.wakeSender();
    await outboxDrained(db);
    const [digest] = sentTo(emulator.server, GROUP);
    expect(digest).toBeDefined();
    const text = digest!.text;
    expect(text).toContain('督查周报 · 第24周（6月9日—15日）');
    expect(text).toContain('报送率：3/5 · 60%');
    const attention = text.slice(text.indexOf('需关注'), text.indexOf('未来 7 天'));
    expect(attention).toContain('🟡 A-3 Community reform\n　Civil Affairs Bureau · 张伟 · 分管 陈静 · 30%\n　报送 30%，按期应达 41%');
    expect(attention).toContain('🔴 A-4 Enterprise service\n　Economy Bureau · 刘洋 · 分管 陈静 · 尚未报送');
    // The on-track task is in the digest too, in one line with what was reported.
    expect(text).toMatch(/🟢 A-1 Renovate village · 60%/);
    expect(attention).not.toContain('A-1');
    expect(text).toContain('1. Ojiang Street：报送 1/1 · 正常 1/1 · 平均进度 60%');
    expect(text).toContain('2. Development Bureau：报送 1/1 · 正常 1/1 · 平均进度 45%');
    expect(text).toContain('未报送（2 人）');
    expect(text).toContain('刘洋（Economy Bureau）：A-4');
    expect(text).toContain('赵敏（Tengqiao Town）：A-5');
    expect(attention.lastIndexOf('🔴')).toBeLessThan(attention.indexOf('🟡'));
  });

  it('takes an answer after the digest, marked late', async () => {
    clock.set('2025-06-14T10:00:00+08:00');
    const [ack] = await zhaoMin.user.send('/report A-5 20% 已启动');
    expect(ack).toContain('20%（迟报）');
    // The digest has gone: the acknowledgement says what a late answer is, not "correct it during the week".
    expect(ack).toContain('本周督查周报已发出，本条记为迟报');
    expect(ack).not.toContain('本周内可随时更正');
    const late = await db.selectFrom('checkIns').innerJoin('tasks', 'tasks.id', 'checkIns.taskId').select(['late']).where('tasks.code', '=', 'A-5').execute();
    expect(late).toEqual([{ late: 1 }]);
  });
});
