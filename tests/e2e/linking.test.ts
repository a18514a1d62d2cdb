import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import type { InviteEntry } from '../../src/store/invites.ts';
import { freshDatabase, importFixture, invitesOf, startDuban, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { startEmulator, TestUser } from '../../src/demo/emulator.ts';

/**
 * People link their Telegram accounts with their invite codes, through telegraf talking HTTP to
 * telegram-test-api, against a real SQLite file.
 */
describe('linking people to their Telegram accounts', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Db;
  let app: RunningApp;
  let logs: string[];
  let invites: InviteEntry[];
  const user = (id: number, name: string) => new TestUser(emulator.server, TEST_TOKEN, id, name);
  const codeOf = (name: string, unit: string) => invites.find((entry) => entry.name === name && entry.unit === unit)!.code!;
  const linkedIds = async () =>
    (await db.selectFrom('people').innerJoin('units', 'units.id', 'people.unitId').select(['people.name', 'units.name as unit', 'telegramUserId']).where('telegramUserId', 'is not', null).orderBy('telegramUserId').execute());

  beforeAll(async () => {
    emulator = await startEmulator();
    const database = await freshDatabase();
    db = database.db;
    await importFixture(db, 'tests/fixtures/five-tasks.csv');
    invites = await invitesOf(db);
    ({ app, logs } = await startDuban(testConfig(database.path, emulator.apiRoot)));
  });

  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await emulator?.stop();
  });

  it('gives five owners (two named 张伟) and two leaders seven invites', () => {
    expect(invites).toHaveLength(7);
    expect(invites.filter((entry) => entry.role === 'owner')).toHaveLength(5);
    expect(invites.filter((entry) => entry.role === 'leader').map((entry) => entry.name).sort()).toEqual(['王建国', '陈静']);
  });

  it('links each 张伟 separately and greets each with only their own tasks', async () => {
    const [greetingA] = await user(1001, '伟').send(`/start ${codeOf('张伟', 'Ojiang Street')}`);
    expect(greetingA).toContain('张伟（Ojiang Street）您好');
    expect(greetingA).toContain('A-1 Renovate village');
    expect(greetingA).not.toContain('A-3');

    const [greetingB] = await user(1002, 'Wei').send(`/start ${codeOf('张伟', 'Civil Affairs Bureau')}`);
    expect(greetingB).toContain('张伟（Civil Affairs Bureau）您好');
    expect(greetingB).toContain('A-3 Community reform');
    expect(greetingB).not.toContain('A-1');

    expect(await linkedIds()).toEqual([
      { name: '张伟', unit: 'Ojiang Street', telegramUserId: 1001 },
      { name: '张伟', unit: 'Civil Affairs Bureau', telegramUserId: 1002 },
    ]);
  });

  it('greets a leader named on rows of three units as one person with all three tasks', async () => {
    const [greeting] = await user(2001, '建国').send(`/start ${codeOf('王建国', '区领导班子')}`);
    expect(greeting).toContain('王建国（区领导班子）您好');
    expect(greeting).toContain('您分管的督办事项（3 项）');
    for (const code of ['A-1', 'A-2', 'A-5']) expect(greeting).toContain(code);
  });

  it('accepts a code typed in lower case with a space, as a phone keyboard may send it', async () => {
    const code = codeOf('李娜', 'Development Bureau');
    const [greeting] = await user(1003, 'Na').send(`/start ${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`);
    expect(greeting).toContain('李娜（Development Bureau）您好');
  });

  it('refuses a reused code and links nobody', async () => {
    const [answer] = await user(3001, 'Someone').send(`/start ${codeOf('张伟', 'Ojiang Street')}`);
    expect(answer).toContain('已被使用');
    expect(await user(3001, 'Someone').send('/whoami')).toEqual([expect.stringContaining('尚未绑定')]);
  });

  it('refuses a wrong code and a missing one, and links nobody', async () => {
    const [wrong] = await user(3002, 'Guess').send('/start ABCDEFGHJK');
    expect(wrong).toContain('邀请码“ABCDEFGHJK”无效');
    const [missing] = await user(3002, 'Guess').send('/start');
    expect(missing).toContain('/start 邀请码');
    const linked = (await linkedIds()).map((row) => row.telegramUserId);
    expect(linked).not.toContain(3001);
    expect(linked).not.toContain(3002);
  });

  it('tells a stranger how to get linked, whatever they send', async () => {
    const stranger = user(4001, 'Stranger');
    expect(await stranger.send('你好')).toEqual([expect.stringContaining('请向督考办索取邀请码')]);
    expect(await stranger.send('/tasks')).toEqual([expect.stringContaining('尚未绑定')]);
    expect((await stranger.send('/help')).join('\n')).toContain('/start 邀请码');
  });

  it('answers /whoami and /help for a linked person', async () => {
    expect(await user(1002, 'Wei').send('/whoami')).toEqual(['您是 张伟（Civil Affairs Bureau），角色：责任人。']);
    expect((await user(2001, '建国').send('/whoami'))[0]).toContain('角色：分管领导');
    const help = (await user(1001, '伟').send('/help')).join('\n');
    expect(help).toContain('/tasks');
    expect(help).not.toContain('尚未绑定');
  });

  it('does not let an account linked to one person take another person’s code', async () => {
    const [answer] = await user(1001, '伟').send(`/start ${codeOf('刘洋', 'Economy Bureau')}`);
    expect(answer).toContain('已绑定为 张伟（Ojiang Street）');
    expect((await linkedIds()).find((row) => row.name === '刘洋')).toBeUndefined();
  });

  it('shows deep links in the invite list once the bot has started, and no code for the linked', async () => {
    const after = await invitesOf(db);
    expect(after.find((entry) => entry.name === '赵敏')!.code).toBe(codeOf('赵敏', 'Tengqiao Town'));
    expect(after.find((entry) => entry.unit === 'Ojiang Street')).toMatchObject({ linked: true, code: null });
    const meta = await db.selectFrom('meta').select('value').where('key', '=', 'botUsername').executeTakeFirst();
    expect(meta?.value).toBe('TestNameBot');
  });

  it('never writes the bot token or an invite code into its logs', () => {
    const log = logs.join('');
    expect(log).toContain('person linked');
    expect(log).not.toContain(TEST_TOKEN);
    for (const entry of invites) expect(log).not.toContain(entry.code!);
  });
});
