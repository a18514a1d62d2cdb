import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { freshDatabase, invitesOf, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN, until } from '../support/duban.ts';
import { officeWorkbook, type OfficeRow } from '../support/office-workbook.ts';
import { decodeSlot, pdfPages } from '../support/qr-slips.ts';

const ADMIN = 900;
const STRANGER = 901;
const HEADERS = ['序号', '重点工作', '牵头单位', '具体责任人', '分管区领导', '时限要求'];
const TASKS: OfficeRow[] = [
  { 序号: 1, 重点工作: '老旧小区改造', 牵头单位: '区住建局', 具体责任人: '王强', 分管区领导: '李副区长', 时限要求: '2026年12月底前' },
  { 序号: 2, 重点工作: '重大项目投资', 牵头单位: '区发改局（牵头）、区财政局', 具体责任人: '张伟、李娜', 分管区领导: '陈区长', 时限要求: '二季度' },
  { 序号: 3, 重点工作: '营商环境优化', 牵头单位: '区政务服务中心', 具体责任人: '周杰（13800000000）', 分管区领导: '陈区长', 时限要求: '长期坚持' },
];
const table = (rows: OfficeRow[]) => officeWorkbook({ title: '2026年区政府重点工作督办任务清单', headers: HEADERS, rows });

/**
 * The office's desk in the chat (issue 15): an admin sends the office's own workbook, sees the
 * preview, confirms, and the tasks exist; someone else's file imports nothing; /invites returns
 * the workbook and the slips, whose QR codes are the people's deep links; /linked, /export, and
 * changing a task without a spreadsheet. Through telegraf, the emulator and the recording proxy.
 */
describe('the office desk in the chat', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let config: Config;
  let app: RunningApp;
  let logs: string[];
  const clock = testClock('2026-03-02T10:00:00+08:00');
  const phone = (id: number, name: string) => new TestUser(emulator.server, TEST_TOKEN, id, name);
  const plain = (text: string) => text.replace(/<[^>]+>/g, '');
  const count = async (table: 'tasks' | 'people' | 'units') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const uploadsTo = (chatId: number) => emulator.proxy.uploads.filter((upload) => upload.chatId === chatId);

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    config = testConfig(database.path, emulator.apiRoot, { ADMIN_IDS: String(ADMIN) });
    ({ app, logs } = await startDuban(config, { now: clock.now }));
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
  });

  it('warns at start that the digest has no group to go to (LEADERSHIP_CHAT_ID is not set here)', () => {
    expect(logs.some((line) => line.includes('"setting":"LEADERSHIP_CHAT_ID"') && line.includes('未设置 LEADERSHIP_CHAT_ID'))).toBe(true);
  });

  it('previews an admin\'s workbook with Confirm and Cancel, imports it on Confirm, and only once', async () => {
    const admin = phone(ADMIN, '督考办');
    const [preview] = await admin.sendDocument(emulator.proxy, await table(TASKS), '2026年重点工作.xlsx');
    const text = plain(preview!.text);
    expect(text).toContain('预览（尚未导入）：2026年重点工作.xlsx');
    expect(text).toContain('事项 新增 3、更新 0、未变 0');
    expect(text).toContain('“张伟、李娜”读作 2 人');
    expect(text).toContain('“二季度”按 2026-06-30 读取（年份取自表格标题 2026 年）');
    expect(preview!.buttons.map((b) => b.text)).toEqual(['✅ 确认导入', '取消']);
    expect(await count('tasks')).toBe(0);

    const [done] = await admin.tap(preview!, '✅ 确认导入');
    expect(plain(done!)).toContain('导入完成：2026年重点工作.xlsx');
    expect(await count('tasks')).toBe(3);
    const owners = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select(['tasks.title', 'people.name', 'tasks.dueDate']).orderBy('tasks.id').execute();
    expect(owners).toEqual([
      { title: '老旧小区改造', name: '王强', dueDate: '2026-12-31' },
      { title: '重大项目投资', name: '张伟', dueDate: '2026-06-30' },
      { title: '营商环境优化', name: '周杰', dueDate: null },
    ]);

    // A second tap on the same preview imports nothing again.
    await admin.press(preview!, '✅ 确认导入');
    await outboxDrained(db);
    expect(await count('tasks')).toBe(3);
  });

  it('imports nothing from someone who is not an admin, and says so', async () => {
    const before = [await count('tasks'), await count('people'), await count('units')];
    const [answer] = await phone(STRANGER, '路人').sendDocument(emulator.proxy, await table([...TASKS, { 序号: 4, 重点工作: '多出来的事项', 牵头单位: '区外单位', 具体责任人: '赵六', 分管区领导: '陈区长', 时限要求: '2026年底' }]), '任务.xlsx');
    expect(plain(answer!.text)).toContain('只有督考办（管理员）可以导入任务清单，本表未导入');
    expect([await count('tasks'), await count('people'), await count('units')]).toEqual(before);
    expect(plain((await phone(STRANGER, '路人').send('/invites'))[0]!)).toContain('只有督考办（管理员）可以使用');
  });

  it('refuses a bad table with one line per cause naming row and column, and a file that is no workbook', async () => {
    const admin = phone(ADMIN, '督考办');
    const bad = await officeWorkbook({ headers: ['编号', '事项', '责任单位', '责任人', '分管领导', '完成时限'], rows: [{ 编号: 'A', 事项: 'a', 责任单位: 'U', 责任人: '张伟', 分管领导: '陈区长', 完成时限: '尽快' }] });
    const [refused] = await admin.sendDocument(emulator.proxy, bad, '坏表.xlsx');
    expect(plain(refused!.text)).toContain('工作表“任务清单”中有以下 1 个问题');
    expect(plain(refused!.text)).toContain('第 2 行 F 列「完成时限」：“尽快”不是可识别的日期');
    expect(refused!.buttons).toEqual([]);
    const [notWorkbook] = await admin.sendDocument(emulator.proxy, Buffer.from('not a workbook'), '名单.xlsx');
    expect(plain(notWorkbook!.text)).toContain('这个文件不是 Excel 工作簿（.xlsx）');
    expect(await count('tasks')).toBe(3);
  });

  it('sends the invites workbook and the slips, whose QR code links a person; /linked counts them', async () => {
    const admin = phone(ADMIN, '督考办');
    await admin.write('/invites');
    await until(() => uploadsTo(ADMIN).some((upload) => upload.filename?.endsWith('.pdf')), 10_000, 'the slips');
    const workbookUpload = uploadsTo(ADMIN).find((upload) => upload.filename === '绑定邀请-名单.xlsx')!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workbookUpload.bytes! as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean).slice(1) as unknown as unknown[][];
    expect(rows.map((row) => row[2]).sort()).toEqual(['张伟', '李娜', '周杰', '王强', '李副区长', '陈区长'].sort());

    const slips = pdfPages(uploadsTo(ADMIN).find((upload) => upload.filename === '绑定邀请-剪裁条.pdf')!.bytes!);
    expect(slips).toHaveLength(1);
    const invites = await invitesOf(db);
    const links = invites.map((invite) => `https://t.me/TestNameBot?start=${invite.code}`);
    const first = decodeSlot(slips[0]!, 0);
    expect(links).toContain(first);

    // The link's code, as the phone's camera opens it, links that person.
    const code = new URL(first!).searchParams.get('start')!;
    const person = invites.find((invite) => invite.code === code)!;
    const [linked] = await phone(902, '新人').send(`/start ${code}`);
    expect(plain(linked!)).toContain(person.name);
    const [counts] = await admin.send('/linked');
    expect(plain(counts!)).toContain('已绑定 1 / 6 人');
    expect(plain(counts!)).toContain(`${person.unit}：1 / `);
  });

  it('exports the table as a workbook with the codes, and changes a task without a spreadsheet, telling its people', async () => {
    const admin = phone(ADMIN, '督考办');
    await admin.write('/export');
    await until(() => uploadsTo(ADMIN).some((upload) => upload.filename?.startsWith('督办事项清单-')), 10_000, 'the export');
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(uploadsTo(ADMIN).find((upload) => upload.filename?.startsWith('督办事项清单-'))!.bytes! as unknown as ArrayBuffer);
    const codes = (await db.selectFrom('tasks').select('code').orderBy('code').execute()).map((task) => task.code);
    const sheet = exported.worksheets[0]!;
    const exportedCodes = [3, 4, 5].map((row) => String(sheet.getRow(row).getCell(2).value)).sort();
    expect(exportedCodes).toEqual(codes);

    const task = await db.selectFrom('tasks').select(['id', 'code']).where('title', '=', '重大项目投资').executeTakeFirstOrThrow();
    await db.updateTable('people').set({ telegramUserId: 903 }).where('name', '=', '张伟').execute();
    expect(plain((await admin.send(`/due ${task.code} 2026-09-30`))[0]!)).toContain('由 2026-06-30 调整为 2026-09-30');
    expect(plain((await admin.send(`/reassign ${task.code} 李娜`))[0]!)).toContain('已将');
    expect(plain((await admin.send(`/withdraw ${task.code}`))[0]!)).toContain('需要写明原因');
    expect(plain((await admin.send(`/withdraw ${task.code} 已并入老旧小区改造`))[0]!)).toContain('已撤销');
    const after = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select(['tasks.status', 'tasks.dueDate', 'people.name', 'tasks.withdrawnReason']).where('tasks.id', '=', task.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'withdrawn', dueDate: '2026-09-30', name: '李娜', withdrawnReason: '已并入老旧小区改造' });
    const audit = (await db.selectFrom('auditLog').select(['action', 'subject']).where('subject', '=', task.code).orderBy('id').execute()).map((row) => row.action);
    expect(audit).toEqual(['task.due', 'task.reassign', 'task.withdraw']);
    // 张伟, the owner until the reassignment, was told of the new date and of the move.
    await outboxDrained(db);
    const toZhang = await db.selectFrom('outbox').select('payload').where('chatId', '=', 903).execute();
    expect(toZhang.map((row) => JSON.parse(row.payload).text as string).join('\n')).toMatch(/调整为 2026-09-30[\s\S]*由 张伟 改为 李娜/);
  });
});
