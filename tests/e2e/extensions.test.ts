import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { cli } from '../support/cli-process.ts';
import { districtOnPhones } from '../support/district-on-phones.ts';
import { testClock } from '../support/duban.ts';

const GROUP = -1005550000021;
const ids = { wangFang: 311, liQiang: 312, chenJing: 411 } as const;
const TABLE = [
  '编号,事项,责任单位,责任人,分管领导,开始时间,完成时限,公开',
  'EX-1,城中村改造签约,区住建局,王芳,陈静,2026-01-05,2026-06-30,是',
  'EX-2,保障房交付,区住建局,李强,陈静,2026-01-05,2026-12-31,是',
].join('\n');

/**
 * Extensions (延期申请, issue 19) end to end: the responsible person asks, the leader in charge
 * refuses with one tap and then says why, the person asks again and it is approved. The trail is
 * whole in /task, in the exported table and on the public board (by role, no names); the due date
 * moves with the original kept; the digest and the unit ranking say the task was extended.
 */
describe('an extension request', () => {
  const clock = testClock('2026-06-08T10:00:00+08:00');
  let district: Awaited<ReturnType<typeof districtOnPhones>>;
  let db: Db;
  let path: string;
  let config: Config;
  let app: RunningApp;
  const phone = (id: number) => district.phone(id);
  const sentTo = (id: number) => district.sentTo(id);
  const drained = () => district.drained();
  const lastTo = (chat: number) => sentTo(chat).at(-1)!;

  beforeAll(async () => {
    const links = [['王芳', ids.wangFang], ['李强', ids.liQiang], ['陈静', ids.chenJing]] as const;
    district = await districtOnPhones({ table: TABLE, links, clock, importedAt: new Date('2026-01-05T09:00:00+08:00'), settings: { LEADERSHIP_CHAT_ID: String(GROUP), PUBLIC_BOARD: 'on' } });
    ({ db, path, config, app } = district);
  });

  afterAll(() => district?.stop());

  it('answers a request it cannot take in words, and files nothing', async () => {
    const wang = phone(ids.wangFang);
    expect(await wang.send('/extend EX-1 2026-05-31 来不及')).toEqual(['延期后的时限 2026-05-31 须晚于现在的时限 2026-06-30。']);
    expect(await wang.send('/extend EX-1 2026-09-30')).toEqual(['请写明延期理由：/extend EX-1 日期 理由。']);
    expect(await wang.send('/extend EX-1 九月底 来不及')).toEqual(['日期“九月底”无法识别，请写作 2026-12-31。']);
    expect((await wang.send('/extend EX-2 2027-03-31 不是我的')).join()).toContain('EX-2');
    expect(await db.selectFrom('extensionRequests').select('id').execute()).toEqual([]);
  });

  it('goes to the leader in charge, who refuses with one tap and then says why', async () => {
    const wang = phone(ids.wangFang);
    expect(await wang.send('/extend EX-1 2026-09-30 征迁协议尚未全部签订')).toEqual(['✅ 已提交 EX-1 延期至 2026-09-30 的申请，等待分管领导审批。']);
    expect(await wang.send('/extend EX-1 2026-10-31 再多给一个月')).toEqual(['EX-1 已有待审批的延期申请，请等待分管领导处理。']);
    await drained();
    const request = lastTo(ids.chenJing);
    expect(request.text).toBe('📮 延期申请：EX-1 城中村改造签约\n区住建局 · 王芳\n完成时限 2026-06-30 → 申请延至 2026-09-30\n理由：征迁协议尚未全部签订');
    // Someone else's tap decides nothing.
    await phone(ids.liQiang).press(request, '❌ 不同意');
    const chen = phone(ids.chenJing);
    clock.set('2026-06-09T09:30:00+08:00');
    await chen.press(request, '❌ 不同意');
    const [refused] = await chen.read();
    expect(refused!.text).toBe('❌ 已不同意 EX-1 的延期申请，并告知 王芳。如需说明理由，请回复本条消息。');
    expect(await chen.send('请先按原计划推进，不足部分写明原因', { replyTo: refused!.messageId })).toEqual(['已记下不同意的理由，并告知 王芳（EX-1，06-09 09:30 决定）。']);
    await drained();
    expect(sentTo(ids.wangFang).slice(-2).map((m) => m.text)).toEqual([
      '❌ EX-1 延至 2026-09-30 的申请未获 陈静 同意，完成时限仍为 2026-06-30。',
      '❌ EX-1 延期申请未获同意的理由：请先按原计划推进，不足部分写明原因',
    ]);
    expect((await db.selectFrom('tasks').select('dueDate').where('code', '=', 'EX-1').executeTakeFirstOrThrow()).dueDate).toBe('2026-06-30');
  });

  it('moves the due date when a second request is approved, and tells the person', async () => {
    clock.set('2026-06-10T10:00:00+08:00');
    await phone(ids.wangFang).send('/extend EX-1 2026-08-31 新增拆迁户12户');
    await drained();
    const chen = phone(ids.chenJing);
    clock.set('2026-06-10T15:00:00+08:00');
    expect(await chen.tap(lastTo(ids.chenJing), '✅ 同意延期')).toEqual(['✅ 已同意 EX-1 延期至 2026-08-31，并告知 王芳。']);
    await chen.press(sentTo(ids.chenJing).findLast((m) => m.text.startsWith('📮'))!, '✅ 同意延期');
    await drained();
    expect(lastTo(ids.wangFang).text).toBe('✅ EX-1 的延期申请已由 陈静 同意：完成时限由 2026-06-30 改为 2026-08-31。');
    expect((await db.selectFrom('tasks').select('dueDate').where('code', '=', 'EX-1').executeTakeFirstOrThrow()).dueDate).toBe('2026-08-31');
    expect((await db.selectFrom('extensionRequests').select(['decision']).orderBy('id').execute()).map((row) => row.decision)).toEqual(['refused', 'approved']);
  });

  it('leaves the whole trail in /task', async () => {
    const [card] = await phone(ids.chenJing).send('/task EX-1');
    expect(card).toContain('延期申请：\n06-08 10:00 王芳 申请由 2026-06-30 延至 2026-09-30：征迁协议尚未全部签订 → 陈静 06-09 09:30 不同意：请先按原计划推进，不足部分写明原因\n06-10 10:00 王芳 申请由 2026-06-30 延至 2026-08-31：新增拆迁户12户 → 陈静 06-10 15:00 同意');
  });

  it('leaves it in the exported table, which still imports back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-extend-export-')), 'table.xlsx');
    expect(cli(path, 'export', file).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    const column = headers.indexOf('延期记录') + 1;
    expect(column).toBeGreaterThan(0);
    expect(sheet.getRow(3).getCell(column).value).toBe('2026-06-08 王芳 申请由 2026-06-30 延至 2026-09-30：征迁协议尚未全部签订 → 陈静 2026-06-09 不同意：请先按原计划推进，不足部分写明原因\n2026-06-10 王芳 申请由 2026-06-30 延至 2026-08-31：新增拆迁户12户 → 陈静 2026-06-10 同意');
    expect(sheet.getRow(3).getCell(headers.indexOf('完成时限') + 1).value).toEqual(new Date('2026-08-31T00:00:00Z'));
    const dryRun = cli(path, 'import', file, '--dry-run');
    expect(dryRun.status).toBe(0);
  });

  it('shows it on the public board by role, beside the original commitment', async () => {
    const page = await (await fetch(`http://127.0.0.1:${app.http.port}/tasks/EX-1`)).text();
    expect(page).toContain('2026-06-08 责任人 申请由 2026-06-30 延至 2026-09-30：征迁协议尚未全部签订 → 分管领导 2026-06-09 不同意：请先按原计划推进，不足部分写明原因');
    expect(page).toContain('2026-06-10 责任人 申请由 2026-06-30 延至 2026-08-31：新增拆迁户12户 → 分管领导 2026-06-10 同意');
    expect(page).toMatch(/完成时限：<del>2026-06-30<\/del> → 2026-08-31/);
    for (const name of ['王芳', '陈静']) expect(page).not.toContain(name);
  });

  it('says in the digest and the unit ranking that the task was extended: not on time', async () => {
    clock.set('2026-06-15T09:00:00+08:00');
    const steps = { db, config, t: translator('zh-CN') };
    await runPromptStep(steps, clock.now());
    await drained();
    clock.set('2026-06-16T10:00:00+08:00');
    await phone(ids.wangFang).send('/report EX-1 60% 已签约80%');
    await phone(ids.liQiang).send('/report EX-2 50% 主体完工');
    clock.set('2026-06-19T17:00:00+08:00');
    await runDigestStep(steps, clock.now());
    await drained();
    const digest = sentTo(GROUP).map((m) => m.text).join('\n');
    expect(digest).toContain('🟢 EX-1 城中村改造签约 · 60% · 已延期（原定 2026-06-30）');
    expect(digest).toMatch(/1\. 区住建局：报送 2\/2 · 正常 1\/2 · 平均进度 55%（较应达 [^）]+） · 延期 1/);
  });
});
