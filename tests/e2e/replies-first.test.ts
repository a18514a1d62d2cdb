import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { outboxDrained, startDuban, testClock, testConfig, TEST_TOKEN } from '../support/duban.ts';
import { linkedDistrict } from '../support/linked-district.ts';

/**
 * Monday morning: 800 prompts are on their way at the send limit when someone answers. Their
 * answer is acknowledged at once, not after every prompt has gone out.
 */
describe('a reply during the fan-out', () => {
  let district: Awaited<ReturnType<typeof linkedDistrict>>;
  let config: Config;
  let app: RunningApp;
  const clock = testClock('2025-06-09T09:00:00+08:00');

  beforeAll(async () => {
    district = await linkedDistrict(400, 2, clock.now());
    config = testConfig(district.path, district.apiRoot, { SEND_RATE_PER_SEC: '200' });
    ({ app } = await startDuban(config, { now: clock.now }));
  });

  afterAll(async () => district?.stop(app));

  it('acknowledges an answer ahead of the prompts still queued', { timeout: 60_000 }, async () => {
    const { db, emulator, proxy, owners } = district;
    expect((await runPromptStep({ db, config, t: translator('zh-CN') }, clock.now())).queued).toBe(800);
    app.wakeSender();
    // The last owner: in rounds, their own first prompt is due only halfway through.
    const [chatId, name] = [...owners].at(-1)!;
    const { code } = await db.selectFrom('tasks').innerJoin('people', 'people.id', 'tasks.ownerId').select('tasks.code').where('people.telegramUserId', '=', chatId).orderBy('tasks.code').executeTakeFirstOrThrow();
    const owner = new TestUser(emulator.server, TEST_TOKEN, chatId, name);
    await owner.write(`/report ${code} 50% 完成入户调查`);
    let acknowledged = false;
    while (!acknowledged) acknowledged = (await owner.read()).some((message) => message.text.includes(code) && message.text.includes('50%'));
    const promptsSentBefore = proxy.calls.filter((call) => call.method === 'sendMessage' && call.chatId !== chatId).length;
    expect(promptsSentBefore).toBeLessThan(400);
    await outboxDrained(db, 30_000);
  });
});
