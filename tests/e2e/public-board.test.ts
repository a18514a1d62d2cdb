import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { sentTo, startEmulator, TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runDigestStep } from '../../src/jobs/digest-step.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { freshDatabase, importFixture, outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';

const ADMIN = 990;
const GROUP = -1009900000001;
const TABLE = [
  '编号,事项,责任单位,责任人,分管领导,开始时间,完成时限,时间节点,目标,类别,位置,公开',
  'GK-01,老旧小区改造,区住建局,张三丰,王书记,2026-01-05,2026-02-27,2026-02-15 完成设计,改造12个小区,十件实事,"27.99,120.70",是',
  'GK-02,社区食堂建设,区民政局,赵六,王书记,2026-01-05,2026-12-31,2026-06-30 建成10家,建成20家社区食堂,十件实事,"28.10,120.55",是',
  'GK-03,营商环境优化,区政务服务中心,孙七,钱副区长,2026-01-05,长期坚持,,办事时限压缩一半,改革攻坚,"27.90,120.90",是',
  'GK-04,网络学堂<script>alert(1)</script>上线,区委组织部,周八,钱副区长,2026-01-05,2026-10-31,,上线课程100门,改革攻坚,,是',
  'MI-01,秘密事项甲乙丙,区保密局,李四维,王书记,2026-01-05,2026-09-30,,内部目标,内部,"27.95,120.65",否',
].join('\n');
const PEOPLE = ['张三丰', '赵六', '孙七', '周八', '李四维', '王书记', '钱副区长'];
const PRIVATE = ['MI-01', '秘密事项甲乙丙', '区保密局', '内部目标'];

/**
 * The public board (issue 16), served by the bot's own process: the routes, what they never show,
 * the caching, 立此存照, and a real browser (Debian's Chromium, driven by playwright-core) that
 * filters to red, opens a task and sees the map's markers, with no request leaving 127.0.0.1.
 */
describe('the public board', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let app: RunningApp;
  let base: string;
  let browser: Browser;
  let config: Config;
  const clock = testClock('2026-03-02T09:00:00+08:00');
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    const file = join(mkdtempSync(join(tmpdir(), 'duban-board-')), 'table.csv');
    writeFileSync(file, TABLE);
    await importFixture(db, file, new Date('2026-01-05T09:00:00+08:00'));
    for (const [name, chat] of [['赵六', 801], ['孙七', 802], ['张三丰', 803]] as const) await db.updateTable('people').set({ telegramUserId: chat }).where('name', '=', name).execute();
    config = testConfig(database.path, emulator.apiRoot, { PUBLIC_BOARD: 'on', ADMIN_IDS: String(ADMIN), PUBLIC_URL: 'https://board.example.gov.cn', LEADERSHIP_CHAT_ID: String(GROUP) });
    ({ app } = await startDuban(config, { now: clock.now }));
    base = `http://127.0.0.1:${app.http.port}`;
    await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now());
    app.wakeSender();
    await outboxDrained(db);
    await new TestUser(emulator.server, TEST_TOKEN, 801, '赵六').send('/report GK-02 20% 已选址8处，赵六负责对接');
    await new TestUser(emulator.server, TEST_TOKEN, 802, '孙七').send('/report GK-03 30% 窗口压缩时限');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await emulator?.stop();
  });

  it('never shows a private task or a person\'s name, on any route', async () => {
    const routes = ['/', '/?light=red', '/?q=%E7%A7%98%E5%AF%86', '/map', '/tasks/GK-01', '/tasks/GK-02', '/tasks/GK-03', '/api/tasks.json', '/tasks.csv'];
    for (const route of routes) {
      const answer = await get(route);
      expect(answer.status, route).toBe(200);
      const body = await answer.text();
      for (const secret of [...PRIVATE, ...PEOPLE]) expect(body, `${route} shows ${secret}`).not.toContain(secret);
    }
    const privatePage = await get('/tasks/MI-01');
    const unknownPage = await get('/tasks/NO-SUCH');
    expect(privatePage.status).toBe(404);
    expect(await privatePage.text()).toBe(await unknownPage.text());
    const board = await (await get('/')).text();
    expect(board).not.toContain('<script>alert(1)');
    expect(board).toContain('网络学堂&lt;script&gt;alert(1)&lt;/script&gt;上线');
    expect((await get('/')).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('gives the public fields as JSON and CSV, red first', async () => {
    const tasks = (await (await get('/api/tasks.json')).json()) as { code: string; light: string | null; due: string | null; unit: string; progress: number | null; location: unknown }[];
    expect(tasks.map((task) => task.code)).toEqual(['GK-01', 'GK-04', 'GK-02', 'GK-03']);
    expect(tasks[0]).toMatchObject({ code: 'GK-01', light: 'red', unit: '区住建局', due: '2026-02-27' });
    expect(tasks.find((task) => task.code === 'GK-03')).toMatchObject({ due: null, progress: 30 });
    const bytes = Buffer.from(await (await get('/tasks.csv')).arrayBuffer());
    // A BOM first, so that Excel and WPS open it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv.slice(1).startsWith('code,title,unit')).toBe(true);
    expect(csv).toContain('GK-02,社区食堂建设,区民政局');
  });

  it('answers If-None-Match with 304, and a new answer changes the ETag', async () => {
    const first = await get('/');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toContain('max-age');
    expect((await get('/', { 'If-None-Match': etag })).status).toBe(304);
    await new TestUser(emulator.server, TEST_TOKEN, 803, '张三丰').send('/report GK-01 50% 设计完成');
    const after = await get('/', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('shows the original commitment beside a due date changed after publication (立此存照)', async () => {
    await new TestUser(emulator.server, TEST_TOKEN, ADMIN, '督考办').send('/due GK-02 2027-03-31');
    const page = (await (await get('/tasks/GK-02')).text()).replace(/<[^>]+>/g, '');
    expect(page).toContain('立此存照：2026-01-05 公开时的承诺');
    expect(page).toContain('完成时限：2026-12-31');
    expect(page).toMatch(/2026-03-02 · 完成时限：2026-12-31 → 2027-03-31/);
    expect(page).toContain('完成时限：2027-03-31');

    // The office's next table changes the target: kept beside the original too, the due date left as moved.
    const file = join(mkdtempSync(join(tmpdir(), 'duban-board-')), 'table.csv');
    writeFileSync(file, TABLE.replace('2026-12-31,2026-06-30 建成10家,建成20家社区食堂', '2027-03-31,2026-06-30 建成10家,建成25家社区食堂'));
    await importFixture(db, file, clock.now());
    const changed = (await (await get('/tasks/GK-02')).text()).replace(/<[^>]+>/g, '');
    expect(changed).toContain('2026-03-02 · 目标：建成20家社区食堂 → 建成25家社区食堂');
    expect(changed.match(/2026-03-02 · /g)).toHaveLength(2);
  });

  it('links from the bot: /task and the digest point a public task to its page, a private one nowhere', async () => {
    const admin = new TestUser(emulator.server, TEST_TOKEN, ADMIN, '督考办');
    expect((await admin.send('/task GK-01'))[0]).toContain('🌐 公开栏：https://board.example.gov.cn/tasks/GK-01');
    expect((await admin.send('/task MI-01'))[0]).not.toContain('board.example.gov.cn');
    await runDigestStep({ db, config, t: translator('zh-CN') }, clock.now());
    app.wakeSender();
    await outboxDrained(db);
    const digest = sentTo(emulator.server, GROUP).map((m) => m.html).join('\n');
    expect(digest).toContain('<a href="https://board.example.gov.cn/tasks/GK-01">GK-01</a>');
    expect(digest).not.toContain('board.example.gov.cn/tasks/MI-01');
  });

  it('in a browser: filters to red, opens a task, and sees a marker per located public task, all from 127.0.0.1', async () => {
    const shots = process.env.BOARD_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'duban-board-shots-'));
    mkdirSync(shots, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    await page.screenshot({ path: join(shots, 'board.png'), fullPage: true });
    await page.selectOption('select[name=light]', 'red');
    await page.click('form.filters button');
    await page.waitForURL(/light=red/);
    const lights = await page.$$eval('tbody tr[data-code]', (rows) => rows.map((row) => row.getAttribute('data-light')));
    expect(lights.length).toBeGreaterThan(0);
    expect(new Set(lights)).toEqual(new Set(['red']));
    // The board's map shows what the filter shows: the one red task.
    await page.waitForSelector('#map[data-markers]');
    expect(await page.getAttribute('#map', 'data-markers')).toBe('1');
    await page.screenshot({ path: join(shots, 'board-red.png'), fullPage: true });
    await page.click('tbody tr[data-code] a');
    await page.waitForURL(/\/tasks\//);
    expect(await page.textContent('h2')).toContain('GK-01');
    await page.screenshot({ path: join(shots, 'task.png'), fullPage: true });
    await page.goto(`${base}/tasks/GK-02`);
    expect(await page.textContent('body')).toContain('建成20家社区食堂 → 建成25家社区食堂');
    await page.screenshot({ path: join(shots, 'task-changed.png'), fullPage: true });
    await page.goto(`${base}/map`);
    await page.waitForSelector('#map[data-markers]');
    expect(await page.getAttribute('#map', 'data-markers')).toBe('3');
    expect(await page.$$eval('path.leaflet-interactive', (paths) => paths.length)).toBe(3);
    await page.screenshot({ path: join(shots, 'map.png') });
    await context.close();
    expect(errors).toEqual([]);
    expect(requested.length).toBeGreaterThan(5);
    for (const url of requested) expect(new URL(url).hostname).toBe('127.0.0.1');
  });
});
