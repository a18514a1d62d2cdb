import { mkdtempSync, readFileSync } from 'node:fs';
import { inTransaction } from '../db/transaction.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { translator, type Locale } from '../i18n/translate.ts';
import { runDigestStep } from '../jobs/digest-step.ts';
import { runPromptStep } from '../jobs/prompt-step.ts';
import { runRemindStep } from '../jobs/remind-step.ts';
import { createLogger } from '../logger.ts';
import { inviteKey, listInvites } from '../store/invites.ts';
import { sentTo, startEmulator, TestUser, type BotMessage } from './emulator.ts';

/**
 * `npm run demo`: a whole week, compressed, against a local Bot API emulator. Everything the
 * terminal shows of the bot is what the bot really sent over HTTP to the emulator.
 */
const TOKEN = '100000001:demo-token-for-the-local-emulator';
const GROUP_CHAT = -1001000000001;
const OFFICE = 6999;
const TABLE = fileURLToPath(new URL('../../examples/district-table.csv', import.meta.url));
const TABLE_NAME = '一张表.csv';
const startedAt = Date.now();

const locale: Locale = process.env.LOCALE === 'en' ? 'en' : 'zh-CN';
const t = translator(locale);
const color = process.stdout.isTTY ? (code: number, text: string) => `\x1b[${code}m${text}\x1b[0m` : (_: number, text: string) => text;
const print = (text = '') => console.log(text);
const heading = (text: string) => print(`\n${color(1, text)}`);
const indent = (text: string, first: string) => text.split('\n').map((line, i) => (i === 0 ? first : ' '.repeat([...first].length + 1)) + line).join('\n');
const showBot = (texts: readonly string[]) => texts.forEach((text) => print(color(36, indent(text, '   🤖 '))));

let now = new Date('2026-06-08T08:00:00+08:00');
const at = (instant: string) => void (now = new Date(instant));

const emulator = await startEmulator();
const dataDir = mkdtempSync(join(tmpdir(), 'duban-demo-'));
const config = loadConfig({
  BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL: join(dataDir, 'duban.sqlite'),
  LEADERSHIP_CHAT_ID: String(GROUP_CHAT), TIMEZONE: 'Asia/Shanghai', LOCALE: locale, ADMIN_IDS: String(OFFICE),
});
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);

print(color(1, t('demo.title')));
const app = await startApp(config, { logger: createLogger({ level: process.env.LOG_LEVEL ?? 'fatal', secrets: [TOKEN] }), now: () => now, idleDelayMs: 30, outboxPollMs: 30, schedules: false, listen: { host: '127.0.0.1', port: 0 } });
const steps = { db, config, t };

// The supervision office (督考办) sends its table in the chat, reads the preview and confirms.
heading(t('demo.step.table'));
const office = new TestUser(emulator.server, TOKEN, OFFICE, t('demo.office'));
const officeLabel = `👤 ${t('demo.office')}`;
print(`${officeLabel}：📎 ${TABLE_NAME}`);
const [preview] = await office.sendDocument(emulator.proxy, readFileSync(TABLE), TABLE_NAME);
showBot([preview!.text]);
print(`${officeLabel}：[${t('desk.import.confirm')}]`);
showBot(await office.tap(preview!, t('desk.import.confirm')));
const invites = await inTransaction(db, (trx) => listInvites(trx, inviteKey(TOKEN), now));
print(t('demo.table', { tasks: await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((row) => Number(row.n)), people: invites.length }));

/** A person with a phone, known by name and unit, who speaks in the terminal. */
const people = new Map(
  invites.map((entry, index) => {
    const phone = new TestUser(emulator.server, TOKEN, 7000 + index, entry.name);
    const label = `👤 ${entry.name}（${entry.unit}）`;
    const masked = (text: string) => (entry.code ? text.replace(entry.code, '•'.repeat(entry.code.length)) : text);
    const person = {
      phone,
      async says(text: string, options: { replyTo?: number } = {}) {
        print(indent(masked(text), `${label}：`));
        showBot(await phone.send(text, options));
      },
      async taps(message: BotMessage, button: string) {
        print(`${label}：[${button}]`);
        showBot(await phone.tap(message, button));
      },
      /** Taps a button and returns the bot's answer, for a reply to it. */
      async tapsFor(message: BotMessage, button: string) {
        print(`${label}：[${button}]`);
        await phone.press(message, button);
        const [answer] = await phone.read();
        showBot([answer!.text]);
        return answer!;
      },
      async sendsPhoto(caption: string, replyTo: number) {
        print(indent(`📷 ${caption}`, `${label}：`));
        showBot(await phone.sendPhoto(`demo-photo-${entry.name}`, { caption, replyTo }));
      },
      async receives(count = 1) {
        const messages = await phone.read(count);
        print(`${label} ⟵`);
        showBot(messages.map((m) => m.text));
        return messages;
      },
      code: entry.code!,
      name: entry.name,
    };
    return [entry.name, person] as const;
  }),
);
const who = (name: string) => people.get(name)!;

try {
  at('2026-06-08T08:30:00+08:00');
  heading(t('demo.step.link', { day: calendarDateIn(now, config.timezone) }));
  for (const name of ['张伟', '李娜', '王芳', '刘洋', '赵敏', '孙丽', '陈晨', '周杰']) await who(name).says(`/start ${who(name).code}`);
  for (const name of ['王建国', '陈静', '朱明']) await who(name).phone.send(`/start ${who(name).code}`);

  heading(t('demo.step.prompt'));
  at('2026-06-08T09:00:00+08:00');
  await runPromptStep(steps, now);
  app.wakeSender();
  const prompts = new Map<string, BotMessage>();
  for (const name of ['张伟', '李娜', '王芳', '刘洋', '赵敏', '孙丽', '陈晨', '周杰']) prompts.set(name, (await who(name).receives())[0]!);

  heading(t('demo.step.answers'));
  at('2026-06-08T10:12:00+08:00');
  await who('张伟').taps(prompts.get('张伟')!, '60%');
  await who('张伟').says('首批12个村已启动，完成签约486户');
  at('2026-06-08T15:40:00+08:00');
  await who('李娜').says('45% 完成投资189亿元 问题：两个项目土地指标未落实 下一步：协调市局', { replyTo: prompts.get('李娜')!.messageId });
  at('2026-06-09T09:05:00+08:00');
  await who('王芳').says('/report ZX-03 120% 方案已报批');
  await who('王芳').says('/report ZX-03 40% 方案已报批，等待批复');
  const marked = await who('王芳').tapsFor(prompts.get('王芳')!, t('button.milestoneDone', { date: '05-31', description: '方案报批' }));
  await who('王芳').sendsPhoto('方案批复扫描件', marked.messageId);
  at('2026-06-09T16:20:00+08:00');
  const askedPercent = await who('刘洋').tapsFor(prompts.get('刘洋')!, t('button.blocked'));
  await who('刘洋').says('40% 走访企业260家，剩余企业资金链问题需区里协调', { replyTo: askedPercent.messageId });
  at('2026-06-10T08:50:00+08:00');
  await who('孙丽').sendsPhoto('30% 创建标准初稿已完成', prompts.get('孙丽')!.messageId);
  await who('周杰').says('70% 平台已招标，正在部署', { replyTo: prompts.get('周杰')!.messageId });

  heading(t('demo.step.remind'));
  at('2026-06-10T09:00:00+08:00');
  await runRemindStep(steps, now);
  app.wakeSender();
  await who('赵敏').receives();
  await who('陈晨').receives();

  heading(t('demo.step.final'));
  at('2026-06-12T09:00:00+08:00');
  await runRemindStep(steps, now);
  app.wakeSender();
  await who('赵敏').receives();
  await who('陈晨').receives();
  await who('陈静').receives();
  await who('朱明').receives();
  print(color(2, t('demo.silent', { name: '赵敏' })));

  heading(t('demo.step.digest'));
  at('2026-06-12T17:00:00+08:00');
  const digest = await runDigestStep(steps, now);
  app.wakeSender();
  const parts = digest.status === 'done' ? digest.parts : 0;
  for (let waited = 0; sentTo(emulator.server, GROUP_CHAT).length < parts && waited < 5_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  for (let waited = 0; emulator.proxy.uploads.filter((u) => u.chatId === GROUP_CHAT).length < 2 && waited < 5_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
  print(t('demo.group'));
  showBot(sentTo(emulator.server, GROUP_CHAT).map((m) => m.text));
  for (const upload of emulator.proxy.uploads.filter((u) => u.chatId === GROUP_CHAT)) {
    print(color(36, `   🤖 ${t('demo.attachment', { caption: upload.caption ?? '', name: upload.filename ?? '', size: Math.ceil((upload.bytes?.length ?? 0) / 1024) })}`));
  }

  heading(t('demo.step.late'));
  at('2026-06-13T10:00:00+08:00');
  await who('陈晨').says('/report ZX-07 50% 已对接企业96家');

  print(`\n${color(2, t('demo.done', { seconds: ((Date.now() - startedAt) / 1000).toFixed(1), path: config.databaseUrl }))}`);
} finally {
  await app.stop();
  await db.destroy();
  await emulator.stop();
}
