import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { runRemindStep } from '../../src/jobs/remind-step.ts';
import { districtOnPhones } from '../support/district-on-phones.ts';
import { testClock } from '../support/duban.ts';

const GROUP = -1005550000022;
const ADMIN = 990;
const ids = { zhangWei: 321, liNa: 322, liuYang: 323, wangJianguo: 421 } as const;
const TABLE = [
  '编号,事项,责任单位,责任人,分管领导,开始时间,完成时限',
  'L-1,城中村改造,瓯江街道,张伟,王建国,2026-01-05,2026-12-31',
  'L-2,社区食堂,瓯江街道,李娜,王建国,2026-01-05,2026-12-31',
  'L-3,企业服务,区经信局,刘洋,王建国,2026-01-05,2026-12-31',
].join('\n');

/**
 * Leave and deputies (代报, issue 19) through telegraf and the emulator: 张伟 is away with 李娜
 * standing in; 刘洋 is away with nobody, recorded by an admin. Nobody on leave is prompted or
 * chased; the deputy is, told whose task; her answer is recorded as for him; the leader in charge
 * is told who stands in; the digest names who answered for whom and lists 刘洋 on leave, not silent.
 */
describe('leave with a deputy', () => {
  const clock = testClock('2026-06-05T10:00:00+08:00');
  let district: Awaited<ReturnType<typeof districtOnPhones>>;
  let db: Db;
  const phone = (id: number) => district.phone(id);
  const sentTo = (id: number) => district.sentTo(id);
  const steps = () => ({ db, config: district.config, t: translator('zh-CN') });
  const drained = () => district.drained();

  beforeAll(async () => {
    const links = [['张伟', ids.zhangWei], ['李娜', ids.liNa], ['刘洋', ids.liuYang], ['王建国', ids.wangJianguo]] as const;
    district = await districtOnPhones({ table: TABLE, links, clock, importedAt: new Date('2026-01-05T09:00:00+08:00'), settings: { LEADERSHIP_CHAT_ID: String(GROUP), ADMIN_IDS: String(ADMIN) } });
    db = district.db;
  });

  afterAll(() => district?.stop());

  it('answers a leave it cannot take in words, and records nothing', async () => {
    const zhang = phone(ids.zhangWei);
    expect(await zhang.send('/leave 2026-06-12 2026-06-08')).toEqual(['结束日期 2026-06-08 早于开始日期 2026-06-12。']);
    expect(await zhang.send('/leave 2026-06-08 2026-06-12 张伟')).toEqual(['代报人不能是本人。']);
    expect((await zhang.send('/leave 2026-06-08 2026-06-12 王五'))[0]).toContain('“王五”不是已绑定的人员，不能代报');
    expect((await zhang.send('/leave 刘洋 2026-06-08 2026-06-12'))[0]).toContain('用法');
    expect(await db.selectFrom('leaves').select('id').execute()).toEqual([]);
  });

  it('offers the colleagues of the unit as deputies; the leader in charge and the deputy are told', async () => {
    const zhang = phone(ids.zhangWei);
    await zhang.write('/leave 2026-06-08 2026-06-12');
    const [offer] = await zhang.read();
    expect(offer!.text).toBe('已登记 张伟 2026-06-08 至 2026-06-12 请假。请选择代报人（本单位已绑定的同事）：');
    expect(offer!.buttons.map((button) => button.text)).toEqual(['李娜', '无人代报']);
    expect(await zhang.tap(offer!, '李娜')).toEqual(['✅ 已登记 张伟 2026-06-08 至 2026-06-12 请假，由 李娜 代报；期间不再向 张伟 催报。']);
    await drained();
    expect(sentTo(ids.wangJianguo).at(-1)!.text).toBe('📋 张伟 2026-06-08 至 2026-06-12 请假，由 李娜 代报：L-1。');
    expect(sentTo(ids.liNa).at(-1)!.text).toBe('📋 张伟 2026-06-08 至 2026-06-12 请假，由你代报其事项：L-1。期间的催报会发给你，报送时注明为代报。');
  });

  it('lets an admin record someone’s leave with nobody standing in', async () => {
    const admin = phone(ADMIN);
    await admin.write('/leave 刘洋 2026-06-08 2026-06-12');
    const [offer] = await admin.read();
    expect(offer!.buttons.map((button) => button.text)).toEqual(['无人代报']);
    expect(await admin.tap(offer!, '无人代报')).toEqual(['✅ 已登记 刘洋 2026-06-08 至 2026-06-12 请假，无人代报；期间不催报，其事项在周报中标为请假，不计未报。']);
    await drained();
    expect(sentTo(ids.wangJianguo).at(-1)!.text).toBe('📋 刘洋 2026-06-08 至 2026-06-12 请假，无人代报：L-3 在周报中标为请假。');
  });

  it('prompts the deputy in place of the person on leave, naming whose task; nobody on leave is prompted', async () => {
    clock.set('2026-06-08T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    await drained();
    const toZhang = sentTo(ids.zhangWei).filter((m) => m.text.includes('督办事项'));
    expect(toZhang).toEqual([]);
    expect(sentTo(ids.liuYang).filter((m) => m.text.includes('L-3'))).toEqual([]);
    const toLi = sentTo(ids.liNa).filter((m) => m.buttons.some((button) => button.text === '60%'));
    expect(toLi.map((m) => /L-\d/.exec(m.text)![0]).sort()).toEqual(['L-1', 'L-2']);
    const standIn = toLi.find((m) => m.text.includes('L-1'))!;
    expect(standIn.text).toContain('👥 代 张伟 报送（张伟 请假中）');
  });

  it('reminds the deputy of the task of the person on leave, apart from her own', async () => {
    clock.set('2026-06-09T09:00:00+08:00');
    const before = sentTo(ids.liNa).length;
    await runRemindStep(steps(), clock.now(), { final: false });
    await drained();
    const reminders = sentTo(ids.liNa).slice(before).map((m) => m.text);
    expect(reminders).toHaveLength(2);
    expect(reminders.find((text) => text.startsWith('👥 代 张伟 报送：\n'))).toContain('L-1');
    expect(reminders.find((text) => !text.startsWith('👥'))).toContain('L-2');
  });

  it('records the deputy’s answer as given for the person on leave', async () => {
    clock.set('2026-06-09T10:00:00+08:00');
    const standIn = sentTo(ids.liNa).find((m) => m.text.includes('L-1') && m.text.includes('👥'))!;
    const [ack] = await phone(ids.liNa).send('60% 完成签约120户', { replyTo: standIn.messageId });
    expect(ack).toContain('已记录 L-1');
    const row = await db.selectFrom('checkIns').innerJoin('people as by', 'by.id', 'checkIns.personId').innerJoin('people as for', 'for.id', 'checkIns.onBehalfOf')
      .select(['by.name as by', 'for.name as for', 'checkIns.percent']).executeTakeFirstOrThrow();
    expect(row).toEqual({ by: '李娜', for: '张伟', percent: 60 });
  });

  it('chases nobody on leave: the reminder goes to the deputy, nobody’s silence is reported for the person away', async () => {
    clock.set('2026-06-12T09:00:00+08:00');
    const before = { zhang: sentTo(ids.zhangWei).length, liu: sentTo(ids.liuYang).length, li: sentTo(ids.liNa).length };
    await runRemindStep(steps(), clock.now(), { final: true });
    await drained();
    expect(sentTo(ids.zhangWei)).toHaveLength(before.zhang);
    expect(sentTo(ids.liuYang)).toHaveLength(before.liu);
    // 李娜 answered for 张伟 already; her own L-2 is unanswered, and she is reminded of it.
    expect(sentTo(ids.liNa).slice(before.li).map((m) => m.text).join()).toContain('L-2');
    const escalation = sentTo(ids.wangJianguo).at(-1)!.text;
    expect(escalation).toContain('L-2');
    expect(escalation).not.toContain('L-3');
    expect(escalation).not.toContain('L-1');
  });

  it('names in the digest who answered for whom, and lists who is on leave apart from the silent', async () => {
    clock.set('2026-06-12T17:00:00+08:00');
    await runDigestStep(steps(), clock.now());
    await drained();
    const digest = sentTo(GROUP).map((m) => m.text).join('\n');
    expect(digest).toContain('🟢 L-1 城中村改造 · 60%（李娜代报） · “完成签约120户”');
    expect(digest).toContain('请假（1 人，不计未报）\n刘洋（区经信局）：L-3');
    expect(digest).toContain('未报送（1 人）\n李娜（瓯江街道）：L-2');
    expect(digest).not.toMatch(/🟡 L-3/);
  });
});
