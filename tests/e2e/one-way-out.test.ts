import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floodLimit } from '../../src/demo/bot-api-proxy.ts';
import { sentTo } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { importFixture, invitesOf, outboxDrained, startDuban, startProcess, testClock, testConfig, TEST_TOKEN, until } from '../support/duban.ts';
import { linkedDistrict } from '../support/linked-district.ts';
import { editedMessage, privateMessage } from '../support/updates.ts';

const kill = async (child: ChildProcess) => {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
};

describe('one way in, one way out', () => {
  it('records every answer exactly once and acknowledges it, however often the bot is killed while answers arrive', { timeout: 120_000 }, async () => {
    const clock = testClock('2025-06-09T09:00:00+08:00');
    const district = await linkedDistrict(300, 1, clock.now());
    const { proxy, db, path, owners } = district;
    const env = { DATABASE_URL: path, TELEGRAM_API_ROOT: district.apiRoot, BOT_TOKEN: TEST_TOKEN, SEND_RATE_PER_SEC: '200', LEASE_SECONDS: '1' };
    try {
      const chats = [...owners.keys()];
      const answers = chats.map((chatId) => privateMessage(chatId, `/report T-${owners.get(chatId)!.replace('人员', '')}-1 60% 完成签约120户`));
      const recorded = async () => Number((await db.selectFrom('checkIns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      let killedWithUpdatesUnconfirmed = 0;
      // Twelve waves of 25 answers; the bot is killed at a random moment after each arrives.
      for (let wave = 0; wave < 12; wave += 1) {
        const handedOutBefore = proxy.handedOut;
        proxy.inject(...answers.slice(wave * 25, (wave + 1) * 25));
        const bot = await startProcess('bot-process', env);
        // Killed at a random moment soon after this wave's answers reach it: how long after its
        // start that is depends on the machine's load, which a fixed delay missed on a busy one.
        try {
          await until(() => proxy.handedOut > handedOutBefore, 10_000, 'the answers handed to the bot');
          await new Promise((r) => setTimeout(r, Math.random() * 60));
          if (proxy.inHand > 0) killedWithUpdatesUnconfirmed += 1;
        } finally {
          await kill(bot);
        }
      }
      expect(killedWithUpdatesUnconfirmed).toBeGreaterThan(0);
      const last = await startProcess('bot-process', env);
      try {
        await until(async () => (await recorded()) >= 300 && proxy.unconfirmed === 0, 60_000, 'every answer');
        await outboxDrained(db, 30_000);
      } finally {
        await kill(last);
      }
      const perTask = await db.selectFrom('checkIns').select(['taskId', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('taskId').execute();
      expect(perTask).toHaveLength(300);
      expect(perTask.every((row) => Number(row.n) === 1)).toBe(true);
      for (const chatId of chats) expect(sentTo(district.emulator.server, chatId).some((m) => m.text.includes('已记录') && m.text.includes('60%')), `ack to ${chatId}`).toBe(true);
    } finally {
      await district.stop(undefined);
    }
  });

  it('greets every one of 150 people who open their invite links at once, within 30/s and 1/s per chat, with no 429', { timeout: 60_000 }, async () => {
    const clock = testClock('2025-06-09T09:00:00+08:00');
    const district = await linkedDistrict(150, 1, clock.now());
    const { proxy, db, path } = district;
    await db.updateTable('people').set({ telegramUserId: null }).execute();
    proxy.rule = floodLimit(30, { perChatIntervalMs: 1000 });
    const { app } = await startDuban(testConfig(path, district.apiRoot, { SEND_RATE_PER_SEC: '30' }), { now: clock.now });
    try {
      const invites = (await invitesOf(db)).filter((invite) => invite.role === 'owner');
      expect(invites).toHaveLength(150);
      invites.forEach((invite, i) => proxy.inject(privateMessage(500_000 + i, `/start ${invite.code}`)));
      await until(async () => (await db.selectFrom('people').select('id').where('telegramUserId', 'is not', null).execute()).length === 150, 20_000, 'links');
      await outboxDrained(db, 30_000);
      invites.forEach((invite, i) => expect(sentTo(district.emulator.server, 500_000 + i).filter((m) => m.text.includes(`${invite.name}（`) && m.text.includes('您好')), invite.name).toHaveLength(1));
      expect(proxy.calls.filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await district.stop(app);
    }
  });

  it('sends a person with 300 tasks their whole list, in several messages, none over Telegram’s limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-table-'));
    const rows = ['编号,事项,责任单位,责任人,分管领导,开始时间,完成时限'];
    for (let i = 1; i <= 300; i += 1) rows.push(`BIG-${i},推进第${i}项重点民生工程的前期手续办理与资金落实工作,城建局,王强,李副区长,2025-01-01,2025-12-31`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));
    const district = await linkedDistrict(1, 1, new Date('2025-06-09T01:00:00Z'));
    const { proxy, db, path } = district;
    await importFixture(db, join(dir, 'big.csv'));
    const code = (await invitesOf(db)).find((invite) => invite.name === '王强')!.code!;
    const { app } = await startDuban(testConfig(path, district.apiRoot));
    try {
      proxy.inject(privateMessage(700_001, `/start ${code}`));
      await until(async () => (await db.selectFrom('people').select('id').where('telegramUserId', '=', 700_001).execute()).length === 1, 10_000, 'link');
      proxy.inject(privateMessage(700_001, '/tasks'));
      await until(async () => (await db.selectFrom('processedUpdates').select('updateId').execute()).length >= 2, 10_000, '/tasks');
      await outboxDrained(db, 20_000);
      const messages = sentTo(district.emulator.server, 700_001);
      const greeting = messages.filter((m) => m.html.length > 0);
      expect(greeting.length).toBeGreaterThanOrEqual(6);
      for (const message of messages) expect(message.html.length).toBeLessThanOrEqual(4096);
      const all = messages.map((m) => m.text).join('\n');
      for (let i = 1; i <= 300; i += 1) expect(all.split(`BIG-${i} `).length - 1, `BIG-${i}`).toBe(2);
      expect(proxy.calls.filter((call) => (call.status ?? 200) >= 400)).toEqual([]);
    } finally {
      await district.stop(app);
    }
  });

  it('takes an edited answer as a correction of it, and says so', async () => {
    const clock = testClock('2025-06-09T10:00:00+08:00');
    const district = await linkedDistrict(2, 1, clock.now());
    const { proxy, db, path, owners } = district;
    const { app } = await startDuban(testConfig(path, district.apiRoot), { now: clock.now });
    try {
      const [chatId] = [...owners.keys()];
      const code = `T-${owners.get(chatId!)!.replace('人员', '')}-1`;
      proxy.inject(privateMessage(chatId!, `/report ${code} 30% 初稿`, 9001));
      await until(async () => (await db.selectFrom('checkIns').select('id').execute()).length === 1, 10_000, 'the answer');
      clock.set('2025-06-09T10:05:00+08:00');
      proxy.inject(editedMessage(chatId!, 9001, `/report ${code} 80% 改正后的`));
      await until(async () => (await db.selectFrom('checkIns').select('id').execute()).length === 2, 10_000, 'the correction');
      await outboxDrained(db);
      const latest = await db.selectFrom('tasks').innerJoin('checkIns', 'checkIns.id', 'tasks.latestCheckInId').select(['checkIns.percent', 'checkIns.note']).where('tasks.code', '=', code).executeTakeFirstOrThrow();
      expect(latest).toEqual({ percent: 80, note: '改正后的' });
      const texts = sentTo(district.emulator.server, chatId!).map((m) => m.text);
      expect(texts.at(-1)).toContain(`已更正 ${code}`);
      expect(texts.at(-1)).toContain('80%');
      // Once the next week's cycle has opened, an edit no longer changes last week's record, and says so.
      clock.set('2025-06-16T09:00:00+08:00');
      await runPromptStep({ db, config: testConfig(path, district.apiRoot), t: translator('zh-CN') }, clock.now());
      proxy.inject(editedMessage(chatId!, 9001, `/report ${code} 90% 又改了`));
      await until(async () => (await db.selectFrom('processedUpdates').select('updateId').execute()).length === 3, 10_000, 'the late edit');
      await outboxDrained(db);
      expect(sentTo(district.emulator.server, chatId!).filter((m) => m.text.includes('已结束的周期') && m.text.includes(code))).toHaveLength(1);
      expect(await db.selectFrom('checkIns').select('id').execute()).toHaveLength(2);
    } finally {
      await district.stop(app);
    }
  });
});
