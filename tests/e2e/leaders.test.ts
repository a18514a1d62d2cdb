import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';

const GROUP = -1005550000001;
const OTHER_GROUP = -1005550000002;
const ADMIN = 999;

/**
 * The leader's side, through telegraf and telegram-test-api, with the tests' recording proxy
 * answering the uploads the emulator lacks: the digest and each leader's own portfolio, /task,
 * /unit and /overdue, an instruction delivered and acknowledged, close-outs confirmed and sent
 * back, and who may do what where.
 */
describe('what leaders act on', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let logs: string[];
  const clock = testClock('2025-06-01T10:00:00+08:00');
  const steps = () => ({ db, config, t: translator('zh-CN') });
  const phone = (id: number, name: string) => new TestUser(emulator.server, TEST_TOKEN, id, name);
  const texts = (chatId: number) => sentTo(emulator.server, chatId).map((m) => m.text);
  const drained = async () => {
    app.wakeSender();
    await outboxDrained(db);
  };

  // owners: 张伟 (Ojiang Street, A-1), 李娜, 张伟 (Civil Affairs, A-3), 刘洋, 赵敏
  // leaders: 王建国, 陈静
  const ids = { zhangOjiang: 101, liNa: 102, zhangCivil: 103, liuYang: 104, zhaoMin: 105, wang: 201, chen: 202 };

  beforeAll(async () => {
    emulator = await startEmulator();
    const { apiRoot } = emulator;
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/five-tasks.csv', clock.now());
    const link = async (name: string, unit: string, chat: number) => {
      const person = await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select('people.id').where('people.name', '=', name).where('units.name', '=', unit).executeTakeFirstOrThrow();
      await db.updateTable('people').set({ telegramUserId: chat }).where('id', '=', person.id).execute();
    };
    await link('张伟', 'Ojiang Street', ids.zhangOjiang);
    await link('李娜', 'Development Bureau', ids.liNa);
    await link('张伟', 'Civil Affairs Bureau', ids.zhangCivil);
    await link('刘洋', 'Economy Bureau', ids.liuYang);
    await link('赵敏', 'Tengqiao Town', ids.zhaoMin);
    await link('王建国', '区领导班子', ids.wang);
    await link('陈静', '区领导班子', ids.chen);
    config = testConfig(database.path, apiRoot, { LEADERSHIP_CHAT_ID: String(GROUP), ADMIN_IDS: String(ADMIN) });
    ({ app, logs } = await startDuban(config, { now: clock.now }));

    // Week 24: everyone is asked; 张伟 (Ojiang) is on track, 李娜 is blocked, 张伟 (Civil) is behind, the rest are silent.
    clock.set('2025-06-09T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    await drained();
    clock.set('2025-06-10T10:00:00+08:00');
    await phone(ids.zhangOjiang, '伟').send('/report A-1 60% 完成签约');
    await phone(ids.liNa, '娜').send('/report A-2 45% 受阻 土地指标未落实');
    await phone(ids.zhangCivil, '伟').send('/report A-3 20% 方案起草中');
    clock.set('2025-06-13T17:00:00+08:00');
    await runDigestStep(steps(), clock.now());
    await drained();
  });

  afterAll(async () => {
    expect((logs ?? []).filter((line) => line.includes('"level":50'))).toEqual([]);
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('puts red before yellow in the group digest, and ranks the units', () => {
    const digest = texts(GROUP).join('\n');
    const attention = digest.slice(digest.indexOf('需关注'), digest.indexOf('未来 7 天'));
    const reds = ['A-2', 'A-4', 'A-5'].map((code) => attention.indexOf(`${code} `));
    const yellow = attention.indexOf('A-3 ');
    for (const red of reds) expect(red).toBeGreaterThan(-1);
    expect(yellow).toBeGreaterThan(Math.max(...reds));
    expect(attention).toContain('🟡 A-3 Community reform');
    expect(attention).not.toContain('A-1 ');
    expect(digest).toMatch(/1\. Ojiang Street：报送 1\/1 · 正常 1\/1 · 平均进度 60%（较应达 \+\d+）/);
    // Both 0 of 1 on track; Development Bureau's 45% is nearer what is expected than Civil Affairs' 20%.
    const ranking = ['Ojiang Street', 'Development Bureau', 'Civil Affairs Bureau', 'Economy Bureau', 'Tengqiao Town'].map((unit) => digest.indexOf(`. ${unit}：`));
    expect(ranking).toEqual([...ranking].sort((a, b) => a - b));
    expect(digest).toContain('/task 编号');
  });

  it('attaches the chart as a PNG and the full table as an .xlsx with coloured lights to the group', async () => {
    const toGroup = emulator.proxy.uploads.filter((upload) => upload.chatId === GROUP);
    const chart = toGroup.find((upload) => upload.method === 'sendPhoto')!;
    const table = toGroup.find((upload) => upload.method === 'sendDocument')!;
    expect(chart.caption).toContain('第24周（6月9日—15日）');
    expect(chart.bytes!.subarray(1, 4).toString()).toBe('PNG');
    expect(table.filename).toBe('督查周报-2025-W24.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(table.bytes! as never);
    const sheet = workbook.worksheets[0]!;
    // Row 1 is the title, with the week; row 2 the headers.
    expect(sheet.getRow(1).getCell(1).value).toBe('督办事项进展情况表 · 第24周（6月9日—15日）');
    const header = sheet.getRow(2).values as string[];
    const light = header.indexOf('红黄绿灯');
    const codeOf = (row: number) => String(sheet.getRow(row).getCell(header.indexOf('编号')).value);
    const fills = Object.fromEntries(Array.from({ length: sheet.rowCount - 2 }, (_, i) => [codeOf(i + 3), [String(sheet.getRow(i + 3).getCell(light).value), (sheet.getRow(i + 3).getCell(light).fill as { fgColor?: { argb?: string } }).fgColor?.argb]]));
    expect(fills).toEqual({
      'A-1': ['绿灯', 'FF2DA44E'], 'A-2': ['红灯', 'FFE5484D'], 'A-3': ['黄灯', 'FFF5C518'], 'A-4': ['红灯', 'FFE5484D'], 'A-5': ['红灯', 'FFE5484D'],
    });
  });

  it('sends each leader privately a portfolio of only the tasks in their charge', () => {
    const wang = texts(ids.wang).filter((text) => text.includes('分管事项周报')).join('\n');
    const chen = texts(ids.chen).filter((text) => text.includes('分管事项周报')).join('\n');
    expect(wang).toContain('报送率：2/3 · 67%');
    for (const code of ['A-2', 'A-5']) expect(wang).toContain(`${code} `);
    for (const code of ['A-3', 'A-4']) expect(wang).not.toContain(`${code} `);
    expect(chen).toContain('报送率：1/2 · 50%');
    for (const code of ['A-3', 'A-4']) expect(chen).toContain(`${code} `);
    for (const code of ['A-1', 'A-2', 'A-5']) expect(chen).not.toContain(`${code} `);
  });

  it('answers /task with the light, its reasons, and the reports', async () => {
    const [card] = await phone(ids.chen, '静').send('/task a-3');
    expect(card).toContain('🟡 A-3 Community reform');
    expect(card).toContain('Civil Affairs Bureau · 责任人 张伟 · 分管领导 陈静');
    expect(card).toContain('🟡 黄灯：报送 20%，按期应达');
    expect(card).toMatch(/06-10 10:00 20% 方案起草中/);
  });

  it('suggests the closest codes and units instead of silence', async () => {
    expect((await phone(ids.wang, '建国').send('/task A1'))[0]).toContain('您是不是要找：A-1');
    expect((await phone(ids.wang, '建国').send('/unit Ojiang'))[0]).toContain('您是不是要找：Ojiang Street');
    const [unit] = await phone(ids.wang, '建国').send('/unit ojiang street');
    expect(unit).toContain('🏢 Ojiang Street：1 项');
    expect(unit).toContain('🟢 A-1 Renovate village · 张伟 · 60%');
  });

  it('lists every red task on /overdue, in the leadership group too, but not in another group', async () => {
    const inGroup = new TestUser(emulator.server, TEST_TOKEN, ids.wang, '建国', { id: GROUP, type: 'group' });
    const [overdue] = await inGroup.send('/overdue');
    expect(overdue).toContain('红灯事项（3）');
    for (const code of ['A-2', 'A-4', 'A-5']) expect(overdue).toContain(`${code} `);
    const elsewhere = new TestUser(emulator.server, TEST_TOKEN, ids.wang, '建国', { id: OTHER_GROUP, type: 'group' });
    expect(await elsewhere.send('/overdue')).toEqual([expect.stringContaining('只能在领导班子群或与机器人的私聊中使用')]);
  });

  it('keeps leader commands from responsible persons, and task details from strangers', async () => {
    expect(await phone(ids.liNa, '娜').send('/task A-2')).toEqual([expect.stringContaining('仅供分管领导和督考办使用')]);
    expect(await phone(4242, 'stranger').send('/task A-2')).toEqual([expect.stringContaining('尚未绑定')]);
    expect(await phone(ids.liNa, '娜').send('/report A-3 90% x')).toEqual([expect.stringContaining('不由您负责报送')]);
    const [admin] = await phone(ADMIN, 'office').send('/task A-2');
    expect(admin).toContain('A-2 Invest');
  });

  it('relays an instruction given as a reply to /task, and tells the leader when it is acknowledged', async () => {
    const chen = phone(ids.chen, '静');
    await chen.write('/task A-3');
    const [card] = await chen.read();
    const [sent] = await chen.send('请本周内完成方案报批', { replyTo: card!.messageId });
    expect(sent).toContain('批示已转交 张伟（Civil Affairs Bureau）');

    const zhang = phone(ids.zhangCivil, '伟');
    const instruction = (await zhang.read()).find((m) => m.text.includes('批示'))!;
    expect(instruction.text).toContain('陈静对 A-3 的批示');
    expect(instruction.text).toContain('请本周内完成方案报批');
    clock.set('2025-06-14T09:30:00+08:00');
    await zhang.tap(instruction, '✅ 已阅，确认收到');
    await drained();
    expect(texts(ids.chen).some((text) => text.includes('张伟（Civil Affairs Bureau）已于 06-14 09:30 确认收到您对 A-3 的批示'))).toBe(true);

    const [after] = await chen.send('/task A-3');
    expect(after).toMatch(/陈静：请本周内完成方案报批（送达 06-1\d \d\d:\d\d，已确认 06-14 09:30）/);
  });

  it('takes /instruct CODE TEXT, and repeats the open instruction in the next prompt', async () => {
    expect((await phone(ids.wang, '建国').send('/instruct A-5 请尽快报送整治进度'))[0]).toContain('批示已转交 赵敏（Tengqiao Town）');
    clock.set('2025-06-16T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    await drained();
    const prompt = texts(ids.zhaoMin).filter((text) => text.includes('本周进度报送')).at(-1)!;
    expect(prompt).toContain('第25周（6月16日—22日）');
    expect(prompt).toContain('📝 王建国批示：请尽快报送整治进度');
  });

  it('closes a task out when its leader confirms the evidence, and prompts for it no more', async () => {
    const zhang = phone(ids.zhangOjiang, '伟');
    await zhang.write('/done A-1');
    const [ask] = await zhang.read();
    expect(ask!.text).toContain('发送 A-1 已完成的佐证');
    expect((await zhang.sendPhoto('evidence-of-A-1', { caption: '全部完工', replyTo: ask!.messageId }))[0]).toContain('已提交 A-1 的销号申请');
    await drained();

    expect(emulator.proxy.uploads).toContainEqual(expect.objectContaining({ method: 'sendPhoto', chatId: ids.wang, fileId: 'evidence-of-A-1' }));
    const wang = phone(ids.wang, '建国');
    const request = (await wang.read()).find((m) => m.text.includes('销号申请'))!;
    expect(request.text).toContain('A-1 Renovate village');
    expect(request.text).toContain('说明：全部完工');
    expect((await wang.tap(request, '✅ 确认销号'))[0]).toContain('已确认 A-1 销号');
    await drained();
    expect(texts(ids.zhangOjiang).some((text) => text.includes('A-1 Renovate village 已由 王建国 确认销号'))).toBe(true);
    expect(await db.selectFrom('tasks').select('status').where('code', '=', 'A-1').executeTakeFirst()).toEqual({ status: 'done' });

    clock.set('2025-06-23T09:00:00+08:00');
    const next = await runPromptStep(steps(), clock.now());
    expect(next.week).toBe('2025-W26');
    await drained();
    expect(texts(ids.zhangOjiang).filter((text) => text.includes('2025-W26'))).toEqual([]);
    expect((await zhang.send('/report A-1 100%'))[0]).toContain('已销号，无需再报送');
  });

  it('sends a close-out back with the leader’s reason, and the task stays open', async () => {
    const liNa = phone(ids.liNa, '娜');
    await liNa.write('/done A-2');
    const [ask] = await liNa.read();
    await liNa.sendPhoto('evidence-of-A-2', { replyTo: ask!.messageId });
    await drained();
    const wang = phone(ids.wang, '建国');
    const request = sentTo(emulator.server, ids.wang).findLast((m) => m.text.includes('销号申请') && m.text.includes('A-2'))!;
    expect(request).toBeDefined();
    // Only the leader in charge (or an admin) decides: 陈静 cannot.
    const chen = phone(ids.chen, '静');
    await chen.press(request, '✅ 确认销号');
    await chen.send('/whoami'); // updates are handled in order: once this is answered, the tap was handled
    expect(await db.selectFrom('closeOuts').innerJoin('tasks', 'tasks.id', 'closeOuts.taskId').select('decision').where('tasks.code', '=', 'A-2').executeTakeFirst()).toEqual({ decision: null });

    const [askReason] = await wang.tap(request, '↩️ 退回');
    expect(askReason).toContain('写明退回 A-2 销号申请的原因');
    const asked = sentTo(emulator.server, ids.wang).findLast((m) => m.text.includes('写明退回'))!;
    expect((await wang.send('缺少第三方验收报告', { replyTo: asked.messageId }))[0]).toContain('已退回 A-2 的销号申请');
    await drained();
    expect(texts(ids.liNa).some((text) => text.includes('A-2 的销号申请被 王建国 退回：缺少第三方验收报告'))).toBe(true);
    expect(await db.selectFrom('tasks').select('status').where('code', '=', 'A-2').executeTakeFirst()).toEqual({ status: 'open' });
  });

  it('takes a reply quoting one line of the group digest as an instruction on that line’s task', async () => {
    const wangInGroup = new TestUser(emulator.server, TEST_TOKEN, ids.wang, '建国', { id: GROUP, type: 'group' });
    const digestPart = sentTo(emulator.server, GROUP).find((m) => m.text.includes('A-2') && m.text.includes('李娜'))!;
    const line = digestPart.text.split('\n').find((text) => text.includes('A-2'))!;
    const [answer] = await wangInGroup.send('请协调自然资源局解决用地指标', { replyTo: digestPart.messageId, quote: line });
    expect(answer).toContain('批示已转交 李娜（Development Bureau）');
    await drained();
    const instruction = texts(ids.liNa).find((text) => text.includes('王建国对 A-2 的批示'));
    expect(instruction).toContain('请协调自然资源局解决用地指标');
  });
});
