import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, type BotMessage, type TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { remindRaters } from '../../src/jobs/assessment-step.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { cli } from '../support/cli-process.ts';
import { districtOnPhones } from '../support/district-on-phones.ts';
import { testClock, until } from '../support/duban.ts';

const GROUP = -1005550000018;
const ADMIN = 900;
const ROUND = '2026年度社区评部门';
/** Four rater units (社区), 东门社区 with three people; three targets (部门). */
const raters = { zhaoYi: 501, qianEr: 502, sunSan: 503, zhouSi: 504, wuWu: 505, zhengLiu: 506 } as const;
const RATER_NAMES = ['赵一', '钱二', '孙三', '周四', '吴五', '郑六'];
const others = { wangFang: 601, liQiang: 602, chenChen: 603, leaderChen: 604 } as const;

/**
 * Linked assessment (联动考核, issue 18) end to end, through telegraf and the Bot API emulator:
 * a round opened by the command line; communities score departments by buttons and by replies,
 * change a score, and get bad input refused with nothing recorded; the unfinished are reminded;
 * an admin closes the round from the chat; the results (one voice per rater unit, anonymous)
 * reach the leadership group with a chart and a workbook; a low score becomes a follow-up task,
 * prompted in the next cycle; the digest and /unit show the scores; the export carries them.
 */
describe('a linked assessment round', () => {
  let district: Awaited<ReturnType<typeof districtOnPhones>>;
  let emulator: Awaited<ReturnType<typeof districtOnPhones>>['emulator'];
  let db: Db;
  let path: string;
  let config: Config;
  let logs: string[];
  const clock = testClock('2026-12-07T10:00:00+08:00');
  const steps = () => ({ db, config, t: translator('zh-CN') });
  const phone = (id: number, name?: string) => district.phone(id, name);
  const drained = () => district.drained();
  const cardsOf = (chat: number) => sentTo(emulator.server, chat).filter((m) => m.text.startsWith('📋'));
  const cardFor = (chat: number, target: string) => cardsOf(chat).find((m) => m.text.includes(`请为 ${target} 打分`))!;
  /** Taps criterion `criterion`'s score on a card: its row's buttons all read 1 to 5. */
  const tapScore = (user: TestUser, card: BotMessage, criterion: number, score: number) => user.pressData(card, card.buttons[criterion * 6 + score]!.data);
  const cardRows = () => db.selectFrom('assessmentCards').select(['id', 'scores', 'comment', 'scoredAt']).orderBy('id').execute();
  /** Taps with the given data and waits for the bot's answer to the tap (a toast or an alert). */
  const pressAnswered = async (user: TestUser, message: BotMessage, data: string) => {
    const before = (await buttonAnswers()).length;
    await user.pressData(message, data);
    await until(async () => (await buttonAnswers()).length > before, 5_000, 'the answer to a tap');
  };
  const buttonAnswers = async () => (await db.selectFrom('outbox').select('payload').where('method', '=', 'answerCallbackQuery').orderBy('id').execute()).map((row) => JSON.parse(row.payload) as { text?: string; show_alert?: boolean });

  beforeAll(async () => {
    const links = [['赵一', raters.zhaoYi], ['钱二', raters.qianEr], ['孙三', raters.sunSan], ['周四', raters.zhouSi], ['吴五', raters.wuWu], ['郑六', raters.zhengLiu],
      ['王芳', others.wangFang], ['李强', others.liQiang], ['陈晨', others.chenChen], ['陈副区长', others.leaderChen]] as const;
    district = await districtOnPhones({ table: 'tests/fixtures/linked-assessment.csv', links, clock, settings: { LEADERSHIP_CHAT_ID: String(GROUP), ADMIN_IDS: String(ADMIN), ASSESS_MIN_RATERS: '3', ASSESS_FOLLOW_UP_BELOW: '3' } });
    ({ emulator, db, path, config, logs } = district);
  });

  afterAll(() => district?.stop());

  it('types units from the table’s 单位类型 column, as offices write it', async () => {
    const units = await db.selectFrom('units').select(['name', 'unitType']).where('kind', '=', 'unit').orderBy('name').execute();
    expect(Object.fromEntries(units.map((unit) => [unit.name, unit.unitType]))).toEqual({
      东门社区: 'community', 西门社区: 'community', 南门社区: 'community', 北门社区: 'community', 区民政局: 'department', 区住建局: 'department', 区人社局: 'department',
    });
  });

  it('lets an admin type a unit in the chat, and tells a mistyped round how to write it; others may not', async () => {
    const admin = phone(ADMIN, '督考办');
    expect(await admin.send('/unittype 区人社局 部门')).toEqual(['已将“区人社局”标为部门。']);
    expect(await admin.send('/unittype 区人社局 企业')).toEqual(['“企业”不是单位类型；可写：社区、街镇、功能区、部门']);
    expect(await admin.send('/unittype 区人设局 部门')).toEqual(['没有名为“区人设局”的单位。您是不是要找：区人社局、区住建局、区民政局？']);
    const usage = await admin.send(`/assess open ${ROUND} --raters 社区`);
    expect(usage[0]).toContain('缺少 --targets');
    expect(usage[0]).toContain('assess open 名称 --raters 类型 --targets 类型');
    expect(await phone(raters.zhaoYi).send(`/assess close ${ROUND}`)).toEqual(['这个命令只有督考办（管理员）可以使用。']);
    expect(await db.selectFrom('assessmentRounds').select('id').execute()).toEqual([]);
  });

  it('opens from the command line and sends every rater, privately, one card per department', async () => {
    const opened = cli(path, 'assess', 'open', ROUND, '--raters', '社区', '--targets', '部门');
    expect(opened.stderr).toBe('');
    expect(opened.status).toBe(0);
    expect(opened.stdout).toContain(`已开启测评“${ROUND}”：4 个社区单位的 6 人为 3 个部门单位打分，共 18 张评分卡。评分项：服务态度、办事效率、问题解决；截止日期未定`);
    await drained();
    for (const chat of Object.values(raters)) {
      expect(cardsOf(chat).map((card) => /请为 (\S+) 打分/.exec(card.text)![1]).sort()).toEqual(['区人社局', '区住建局', '区民政局']);
    }
    const card = cardFor(raters.zhaoYi, '区民政局');
    expect(card.text).toContain('1. 服务态度\n2. 办事效率\n3. 问题解决');
    expect(card.text).toContain('评分不署名，只按单位汇总');
    expect(card.buttons.map((button) => button.text)).toEqual(['服务态度', '1', '2', '3', '4', '5', '办事效率', '1', '2', '3', '4', '5', '问题解决', '1', '2', '3', '4', '5']);
    expect(sentTo(emulator.server, others.wangFang)).toEqual([]);
  });

  it('takes scores by buttons, each tap answered, the card confirmed once all are given', async () => {
    const zhao = phone(raters.zhaoYi);
    const card = cardFor(raters.zhaoYi, '区民政局');
    await tapScore(zhao, card, 0, 5);
    await tapScore(zhao, card, 1, 5);
    await tapScore(zhao, card, 2, 5);
    const [done] = await zhao.read();
    expect(done!.text).toBe('✅ 已为 区民政局 评分：服务态度 5 · 办事效率 5 · 问题解决 5\n本轮还有 2 个单位未评完。');
    expect((await buttonAnswers()).map((answer) => answer.text)).toEqual(['服务态度：5 分', '办事效率：5 分', '问题解决：5 分']);
  });

  it('takes scores by a reply in the criteria’s order, with a comment', async () => {
    const zhao = phone(raters.zhaoYi);
    expect(await zhao.send('2 2 1 办事要跑多次', { replyTo: cardFor(raters.zhaoYi, '区住建局').messageId })).toEqual([
      '✅ 已为 区住建局 评分：服务态度 2 · 办事效率 2 · 问题解决 1\n意见（不署名）：办事要跑多次\n本轮还有 1 个单位未评完。',
    ]);
    expect(await zhao.send('５ ５ ５', { replyTo: cardFor(raters.zhaoYi, '区人社局').messageId })).toEqual(['✅ 已为 区人社局 评分：服务态度 5 · 办事效率 5 · 问题解决 5\n本轮 3 个单位已全部评完，谢谢！截止前仍可修改。']);

    const qian = phone(raters.qianEr);
    await qian.send('1 4 4', { replyTo: cardFor(raters.qianEr, '区民政局').messageId });
    await qian.send('2 3 1', { replyTo: cardFor(raters.qianEr, '区住建局').messageId });
    const sun = phone(raters.sunSan);
    await sun.send('4 3 3', { replyTo: cardFor(raters.sunSan, '区民政局').messageId });
    await sun.send('2分 2分 1分', { replyTo: cardFor(raters.sunSan, '区住建局').messageId });
    const zhou = phone(raters.zhouSi);
    await zhou.send('2,2,2', { replyTo: cardFor(raters.zhouSi, '区民政局').messageId });
    await zhou.send('3 3 2 窗口等候时间长', { replyTo: cardFor(raters.zhouSi, '区住建局').messageId });
    await zhou.send('4 4 4', { replyTo: cardFor(raters.zhouSi, '区人社局').messageId });
    const wu = phone(raters.wuWu);
    await wu.send('3 3 3', { replyTo: cardFor(raters.wuWu, '区民政局').messageId });
    await wu.send('2 4 2', { replyTo: cardFor(raters.wuWu, '区住建局').messageId });
    const zheng = phone(raters.zhengLiu);
    await zheng.send('4 5 3', { replyTo: cardFor(raters.zhengLiu, '区民政局').messageId });
    await zheng.send('3 3 3', { replyTo: cardFor(raters.zhengLiu, '区住建局').messageId });
    // A comment alone is kept, and the scores still asked for.
    expect(await zheng.send('没打过交道', { replyTo: cardFor(raters.zhengLiu, '区人社局').messageId })).toEqual(['已记下对 区人社局 的意见（不署名）。\n分数还没打完：请点评分卡上的按钮，或回复分数。']);
    const finished = (await cardRows()).filter((row) => !row.scores.includes('null'));
    expect(finished).toHaveLength(14);
  });

  it('lets a rater change a score until the round closes', async () => {
    const qian = phone(raters.qianEr);
    const card = cardFor(raters.qianEr, '区民政局');
    await tapScore(qian, card, 0, 3);
    const [changed] = await qian.read();
    expect(changed!.text).toBe('✏️ 已修改对 区民政局 的评分：服务态度 3 · 办事效率 4 · 问题解决 4\n本轮还有 1 个单位未评完。');
  });

  it('answers bad input and records nothing: a 6, too few scores, one’s own unit, a person who is not a rater', async () => {
    const before = await cardRows();
    const zhou = phone(raters.zhouSi);
    expect(await zhou.send('6 2 2', { replyTo: cardFor(raters.zhouSi, '区民政局').messageId })).toEqual(['“6”不是有效分数：每项请打 1 到 5 的整数分。本次未记录。']);
    const wu = phone(raters.wuWu);
    expect(await wu.send('3 3', { replyTo: cardFor(raters.wuWu, '区民政局').messageId })).toEqual(['这张卡有 3 个评分项（服务态度、办事效率、问题解决），请按顺序写 3 个分数，只收到 2 个。本次未记录。']);
    // A 6 on a button no card has (an old or forged one): the alert says why.
    await pressAnswered(phone(raters.zhengLiu), cardFor(raters.zhengLiu, '区民政局'), cardFor(raters.zhengLiu, '区民政局').buttons[1]!.data.replace(/:1$/, ':6'));
    expect(await phone(raters.zhaoYi).send('/score 东门社区 5 5 5')).toEqual(['不能为本单位打分，本次未记录。']);
    const wang = phone(others.wangFang);
    expect(await wang.send('/score 区住建局 3 3 3')).toEqual(['你不是这项测评的评分人，评分未记录。']);
    await pressAnswered(wang, { messageId: 1, text: '', html: '', buttons: [], forceReply: false }, cardFor(raters.zhaoYi, '区住建局').buttons[3]!.data);
    const alerts = (await buttonAnswers()).filter((answer) => answer.show_alert);
    expect(alerts.map((answer) => answer.text)).toEqual(['“6”不是有效分数：每项请打 1 到 5 的整数分。本次未记录。', '你不是这项测评的评分人，评分未记录。']);
    expect(await cardRows()).toEqual(before);
  });

  it('reminds the raters who have not finished, and only them, with how many are left', async () => {
    clock.set('2026-12-09T09:00:00+08:00');
    const queued = await remindRaters(steps(), clock.now(), { slot: clock.now(), by: 'schedule' });
    expect(queued).toBe(4);
    // The same slot again (another process, a restart) reminds no one twice.
    expect(await remindRaters(steps(), clock.now(), { slot: clock.now(), by: 'catch-up' })).toBe(0);
    await drained();
    const reminded = (chat: number) => sentTo(emulator.server, chat).filter((m) => m.text.startsWith('⏰')).map((m) => m.text);
    expect(reminded(raters.qianEr)).toEqual([`⏰ 测评“${ROUND}”：你还有 1/3 个单位未评完，截止日期未定（用 assess close 结束）。请点评分卡上的分数或回复评分卡；发送 /score 查看进度。`]);
    expect(reminded(raters.sunSan)).toHaveLength(1);
    expect(reminded(raters.wuWu)).toHaveLength(1);
    expect(reminded(raters.zhengLiu)).toHaveLength(1);
    expect(reminded(raters.zhaoYi)).toEqual([]);
    expect(reminded(raters.zhouSi)).toEqual([]);
    expect(await phone(raters.qianEr).send('/score')).toEqual([`“${ROUND}”：已评 2/3 个单位，截止日期未定（用 assess close 结束）\n回复评分卡即可打分；也可以写 /score 单位名称 5 4 3 意见。`]);
  });

  let closing: string[] = [];
  it('is closed by an admin from the chat; the results go to the leadership group', async () => {
    clock.set('2026-12-11T18:00:00+08:00');
    closing = await phone(ADMIN, '督考办').send(`/assess close ${ROUND}`);
    expect(closing).toEqual([`已结束测评“${ROUND}”：2 个单位有分数，1 个单位参评单位不足；列入整改事项 1 项。\n结果已排队发往领导班子群。`]);
    await drained();
  });

  it('counts one voice per rater unit and ranks by hand computation; too few rater units show no numbers', async () => {
    // 区民政局: 东门社区's three people give 5 5 5, 3 4 4 (changed from 1) and 4 3 3, one voice of
    // 4 4 4; 西门 2 2 2, 南门 3 3 3, 北门 4 5 3. Per criterion, the mean of the four units:
    // (4+2+3+4)/4 = 3.25, (4+2+3+5)/4 = 3.50, (4+2+3+3)/4 = 3.00; overall 3.25. Counting people
    // instead would give 服务态度 (5+3+4+2+3+4)/6 = 3.50: 东门社区 would outweigh the others.
    // 区住建局: 东门 2 2 1, 2 3 1, 2 2 1 → 2, 2.33, 1; 西门 3 3 2, 南门 2 4 2, 北门 3 3 3 →
    // (2+3+2+3)/4 = 2.50, (2.333+3+4+3)/4 = 3.08, (1+2+2+3)/4 = 2.00; overall 2.53.
    // 区人社局: only 东门 (赵一) and 西门 finished its cards: 2 units, under the minimum of 3.
    const group = sentTo(emulator.server, GROUP).map((m) => m.text).join('\n');
    expect(group).toContain(`📊 测评“${ROUND}”结果（2026-12-11 结束）`);
    expect(group).toContain('1. 区民政局：3.25 分（服务态度 3.25 · 办事效率 3.50 · 问题解决 3.00）· 4 个单位 6 人参评');
    expect(group).toContain('2. 区住建局：2.53 分（服务态度 2.50 · 办事效率 3.08 · 问题解决 2.00）· 4 个单位 6 人参评');
    expect(group).toContain('— 区人社局：参评单位不足 3 个，不显示分数');
    expect(group).toContain('区住建局 收到的意见：\n· 办事要跑多次\n· 窗口等候时间长');
    const kept = await db.selectFrom('assessmentResults').innerJoin('units', 'units.id', 'assessmentResults.unitId').select(['units.name', 'overall', 'rank', 'raterUnits', 'means']).orderBy('units.name').execute();
    expect(kept).toEqual([
      { name: '区人社局', overall: null, rank: null, raterUnits: 2, means: null },
      { name: '区住建局', overall: 2.53, rank: 2, raterUnits: 4, means: '[2.5,3.08,2]' },
      { name: '区民政局', overall: 3.25, rank: 1, raterUnits: 4, means: '[3.25,3.5,3]' },
    ]);
  });

  it('sends the group a chart and a workbook of the results', async () => {
    const uploads = emulator.proxy.uploads.filter((upload) => upload.chatId === GROUP);
    const chart = uploads.find((upload) => upload.method === 'sendPhoto')!;
    expect(chart.caption).toBe(`测评“${ROUND}”各单位得分`);
    expect(chart.bytes!.subarray(1, 4).toString()).toBe('PNG');
    const table = uploads.find((upload) => upload.method === 'sendDocument')!;
    expect(table.filename).toBe(`测评结果-${ROUND}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(table.bytes! as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(rows[1]).toEqual(['名次', '被评单位', '综合得分', '服务态度', '办事效率', '问题解决', '参评单位数', '参评人数', '意见（不署名）']);
    expect(rows.slice(2).map((row) => row.slice(0, 8))).toEqual([
      [1, '区民政局', 3.25, 3.25, 3.5, 3, 4, 6],
      [2, '区住建局', 2.53, 2.5, 3.08, 2, 4, 6],
      [undefined, '区人社局', '参评单位不足', undefined, undefined, undefined, 2, 2],
    ]);
  });

  it('refuses scores once closed, by a reply and by a button, recording nothing', async () => {
    const before = await cardRows();
    const zheng = phone(raters.zhengLiu);
    expect(await zheng.send('5 5 5', { replyTo: cardFor(raters.zhengLiu, '区人社局').messageId })).toEqual([`测评“${ROUND}”已于 12-11 18:00 结束，评分不再记录。`]);
    await pressAnswered(zheng, cardFor(raters.zhengLiu, '区人社局'), cardFor(raters.zhengLiu, '区人社局').buttons[5]!.data);
    expect((await buttonAnswers()).at(-1)).toEqual({ callback_query_id: expect.any(String), text: `测评“${ROUND}”已于 12-11 18:00 结束，评分不再记录。`, show_alert: true });
    expect(await cardRows()).toEqual(before);
  });

  it('gives the low-scoring department a follow-up task with its low criteria and the comments, told to its owner', async () => {
    const task = await db.selectFrom('tasks').innerJoin('units', 'units.id', 'tasks.unitId').innerJoin('people', 'people.id', 'tasks.ownerId')
      .select(['code', 'title', 'target', 'category', 'units.name as unit', 'people.name as owner', 'dueDate', 'isPublic', 'assessmentRoundId']).where('assessmentRoundId', 'is not', null).execute();
    expect(task).toEqual([{
      code: 'KH1-01', title: `${ROUND}测评整改：区住建局`, target: '服务态度 2.50 分、问题解决 2.00 分低于 3 分，请整改并每周报送进展。\n意见（不署名）：办事要跑多次；窗口等候时间长',
      category: '测评整改', unit: '区住建局', owner: '李强', dueDate: '2027-01-10', isPublic: 0, assessmentRoundId: 1,
    }]);
    expect(sentTo(emulator.server, others.liQiang).map((m) => m.text)).toEqual([`📌 你单位在测评“${ROUND}”中服务态度 2.50 分、问题解决 2.00 分，已列为整改事项 KH1-01（2027-01-10 前完成），每周随督办报送进展。`]);
  });

  it('names no rater in any message, workbook, JSON or log line', async () => {
    const json = cli(path, 'assess', 'results', ROUND, '--json');
    expect(json.status).toBe(0);
    const results = JSON.parse(json.stdout) as { results: { unit: string; rank: number | null; overall: number | null }[] };
    expect(results.results.map((result) => [result.unit, result.rank, result.overall])).toEqual([['区民政局', 1, 3.25], ['区住建局', 2, 2.53], ['区人社局', null, null]]);
    const exportDir = mkdtempSync(join(tmpdir(), 'duban-assess-export-'));
    expect(cli(path, 'export', join(exportDir, 'table.xlsx')).status).toBe(0);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(readFileSync(join(exportDir, 'table.xlsx')) as unknown as ArrayBuffer);
    const assessmentSheet = exported.getWorksheet('测评结果')!;
    const exportedRows = (assessmentSheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(exportedRows.slice(1).map((row) => row.slice(0, 4))).toEqual([[ROUND, 1, '区民政局', 3.25], [ROUND, 2, '区住建局', 2.53], [ROUND, undefined, '区人社局', '参评单位不足']]);

    // Before the next cycle, everything the bot has sent came of the round (cards, answers, reminders, results).
    const everything = [
      ...(emulator.server.storage.botMessages as unknown as { message: { text: string } }[]).map((m) => m.message.text),
      ...(await db.selectFrom('outbox').select('payload').execute()).map((row) => row.payload),
      ...(await Promise.all(emulator.proxy.uploads.map(async (upload) => `${upload.caption} ${upload.bytes ? await workbookText(upload.bytes) : ''}`))),
      JSON.stringify(exportedRows), json.stdout, closing.join('\n'), ...logs,
      JSON.stringify(await db.selectFrom('tasks').selectAll().where('assessmentRoundId', 'is not', null).execute()),
      JSON.stringify(await db.selectFrom('auditLog').selectAll().execute()),
    ].join('\n');
    for (const name of RATER_NAMES) expect(everything).not.toContain(name);
  });

  it('prompts the follow-up task in the next cycle, like any task', async () => {
    clock.set('2026-12-14T09:00:00+08:00');
    await runPromptStep(steps(), clock.now());
    await drained();
    const prompts = sentTo(emulator.server, others.liQiang).filter((m) => m.text.includes('KH1-01'));
    expect(prompts.at(-1)!.text).toContain(`KH1-01 ${ROUND}测评整改：区住建局`);
    expect(prompts.at(-1)!.buttons.length).toBeGreaterThan(0);
  });

  it('shows each unit’s latest score beside its delivery figures in the digest, and its rounds in /unit', async () => {
    clock.set('2026-12-18T17:00:00+08:00');
    await runDigestStep(steps(), clock.now());
    await drained();
    const digest = sentTo(emulator.server, GROUP).map((m) => m.text).join('\n');
    expect(digest).toMatch(/\d+\. 区民政局.*（较应达 [^）]+） · 测评 3\.25（第 1\/2 名）/);
    expect(digest).toMatch(/\d+\. 区住建局.*（较应达 [^）]+） · 测评 2\.53（第 2\/2 名）/);
    expect(digest).not.toMatch(/区人社局[^\n]*测评/);
    const unit = await phone(others.leaderChen).send('/unit 区住建局');
    expect(unit[0]).toContain(`测评：\n· “${ROUND}” 2.53 分，第 2/2 名（2026-12-11 结束）`);
    const rater = await phone(others.leaderChen).send('/unit 东门社区');
    expect(rater[0]).not.toContain('测评');
  });
});

/** Every cell of a workbook as text, or '' for a file that is not one (the chart). */
async function workbookText(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 2).toString() !== 'PK') return '';
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => JSON.stringify(sheet.getSheetValues())).join('\n');
}
