import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sentTo, TestUser } from '../../src/demo/emulator.ts';
import { translator } from '../../src/i18n/translate.ts';
import { runPromptStep } from '../../src/jobs/prompt-step.ts';
import { leaseHolder } from '../../src/store/leases.ts';
import { outboxDrained, startProcess, testConfig, TEST_TOKEN, until } from '../support/duban.ts';
import { promptCopies } from '../support/generated-table.ts';
import { linkedDistrict } from '../support/linked-district.ts';
import { freshDatabaseUrl, query } from '../support/test-database.ts';

const GROUP = -1001234567890;
const MONDAY = '2025-06-09T10:00:00+08:00';
const FRIDAY_EVENING = '2025-06-13T18:00:00+08:00';

/** A process of duban's that exits by itself (catch-up, cli): resolves with its exit code and output. */
function runToEnd(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, out })));
}

const exited = (child: ChildProcess) => new Promise((done) => (child.exitCode === null && child.signalCode === null ? child.once('exit', done) : done(child.exitCode)));
const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
});

/**
 * What a city runs: several duban processes on one database (PostgreSQL in `npm test`'s second
 * run; the same holds on one SQLite file). One of them sends and one polls, each by its lease;
 * every scheduled step claims its slot; every update its id.
 */
describe('several processes on one database', () => {
  it('migrate an empty database once between them, both starting at the same moment', { timeout: 60_000 }, async () => {
    const url = await freshDatabaseUrl();
    const env = { DATABASE_URL: url, BOT_TOKEN: TEST_TOKEN };
    const runs = await Promise.all([runToEnd(['src/cli.ts', 'migrate'], env), runToEnd(['src/cli.ts', 'migrate'], env)]);
    expect(runs.map((run) => run.code), runs.map((run) => run.out).join('\n')).toEqual([0, 0]);
    const applied = await query<{ name: string }>(url, 'select name from kysely_migration order by name');
    expect(applied.length).toBeGreaterThanOrEqual(15);
    expect(new Set(applied.map((row) => row.name)).size).toBe(applied.length);
  });

  it('run a weekly cycle with two bot processes: every prompt arrives once, every answer is recorded once, the digest is sent once', { timeout: 120_000 }, async () => {
    const district = await linkedDistrict(30, 2, new Date(MONDAY));
    try {
      const env = { DATABASE_URL: district.path, TELEGRAM_API_ROOT: district.apiRoot, BOT_TOKEN: TEST_TOKEN, LEASE_SECONDS: '1', SEND_RATE_PER_SEC: '100', LEADERSHIP_CHAT_ID: String(GROUP), TIMEZONE: 'Asia/Shanghai', LOCALE: 'zh-CN' };
      running.push(...(await Promise.all([startProcess('bot-process', env), startProcess('bot-process', env)])));

      // Both catch up Monday's prompt at once, as two processes restarted together would.
      const catchUp = (at: string) => Promise.all([0, 1].map(() => runToEnd(['tests/support/catch-up-process.ts'], { ...env, AT: at })));
      expect((await catchUp(MONDAY)).map((run) => run.code)).toEqual([0, 0]);
      await outboxDrained(district.db, 30_000);
      const owners = [...district.owners.keys()];
      for (const chatId of owners) expect(district.proxy.sendsTo(chatId), String(chatId)).toHaveLength(2);

      // Each owner answers one task; whichever process polls records it, once, and says so once.
      await Promise.all(
        owners.map(async (chatId) => {
          const index = district.owners.get(chatId)!.replace('人员', '');
          const [ack] = await new TestUser(district.emulator.server, TEST_TOKEN, chatId, `人员${index}`).send(`/report T-${index}-1 60% 进展顺利`);
          expect(ack).toContain('60%');
        }),
      );
      const answers = await district.db.selectFrom('checkIns').select(['taskId']).execute();
      expect(answers).toHaveLength(owners.length);
      expect(new Set(answers.map((answer) => answer.taskId)).size).toBe(owners.length);
      await outboxDrained(district.db, 30_000);
      for (const chatId of owners) expect(district.proxy.sendsTo(chatId), String(chatId)).toHaveLength(3);

      expect((await catchUp(FRIDAY_EVENING)).map((run) => run.code)).toEqual([0, 0]);
      await outboxDrained(district.db, 30_000);
      const digests = await district.db.selectFrom('stepRuns').select('slot').where('step', '=', 'digest').execute();
      expect(digests).toHaveLength(1);
      const toGroup = await district.db.selectFrom('outbox').select(['status']).where('chatId', '=', GROUP).execute();
      expect(toGroup.length).toBeGreaterThan(0);
      expect(toGroup.every((row) => row.status === 'sent')).toBe(true);
      const groupCalls = district.proxy.calls.filter((call) => call.chatId === GROUP);
      expect(groupCalls).toHaveLength(toGroup.length);
      expect(sentTo(district.emulator.server, GROUP).some((message) => message.text.includes('T-'))).toBe(true);
    } finally {
      await district.stop(undefined);
    }
  });

  it('lose nothing when the sending one of two bot processes is killed mid-fan-out: the other takes over once its lease runs out', { timeout: 90_000 }, async () => {
    const clock = new Date(MONDAY);
    const district = await linkedDistrict(150, 2, clock);
    try {
      district.proxy.rule = (call) => (call.method === 'sendMessage' ? { delayMs: 40 } : undefined);
      const config = testConfig(district.path, district.apiRoot);
      expect((await runPromptStep({ db: district.db, config, t: translator('zh-CN') }, clock)).queued).toBe(300);
      const env = { DATABASE_URL: district.path, TELEGRAM_API_ROOT: district.apiRoot, BOT_TOKEN: TEST_TOKEN, SEND_RATE_PER_SEC: '100', LEASE_SECONDS: '2' };
      const senders = await Promise.all([startProcess('bot-process', env), startProcess('bot-process', env)]);
      running.push(...senders);
      const sends = () => district.proxy.calls.filter((call) => call.method === 'sendMessage');
      await until(() => sends().length >= 100, 30_000, '100 prompts sent');

      const lease = (await leaseHolder(district.db, 'sender'))!;
      const sending = senders.find((child) => lease.holder.includes(`:${child.pid}:`))!;
      const other = senders.find((child) => child !== sending)!;
      sending.kill('SIGKILL');
      const killedAt = Date.now();
      await exited(sending);
      await new Promise((r) => setTimeout(r, 100)); // requests written just before the kill may still land
      const recordedSent = Number((await district.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
      const beforeTakeover = sends().length;
      const inFlight = beforeTakeover - recordedSent;
      expect(beforeTakeover).toBeLessThan(300);

      await outboxDrained(district.db, 60_000);
      const successor = (await leaseHolder(district.db, 'sender'))!;
      expect(successor.holder).toContain(`:${other.pid}:`);
      // Nothing went out between the kill and the end of the dead process's lease.
      const resumed = sends().slice(beforeTakeover)[0]!;
      expect(resumed.arrivedAt).toBeGreaterThanOrEqual(Math.min(Date.parse(lease.expiresAt), killedAt + 2_000) - 50);

      const copies = promptCopies(district.emulator.server, district.owners, 2);
      expect([...copies].filter(([, n]) => n === 0).map(([code]) => code)).toEqual([]);
      const delivered = [...copies.values()].reduce((a, b) => a + b, 0);
      expect(delivered - 300).toBeLessThanOrEqual(inFlight);
      expect(inFlight).toBeLessThanOrEqual(32);
    } finally {
      await district.stop(undefined);
    }
  });
});
