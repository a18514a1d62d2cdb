import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const problemsOf = (env: Record<string, string>, required: 'BOT_TOKEN'[] = []) => {
  try {
    loadConfig(env, { required });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('fills in the defaults of DESIGN.md', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      telegramApiRoot: 'https://api.telegram.org',
      databaseUrl: 'data/duban.sqlite',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      promptCron: '0 9 * * 1',
      remindCron: '0 9 * * 3,5',
      digestCron: '0 17 * * 5',
      adminIds: [],
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      BOT_TOKEN: '42:abc', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/', DATABASE_URL: '/tmp/x.sqlite', LEADERSHIP_CHAT_ID: '-1001234',
      ADMIN_IDS: '1, 2,3', TIMEZONE: 'Europe/Berlin', LOCALE: 'en', PROMPT_CRON: '0 8 * * 1', REMIND_CRON: '0 8 * * 3', DIGEST_CRON: '0 16 * * 5',
    });
    expect(config).toMatchObject({ botToken: '42:abc', telegramApiRoot: 'http://127.0.0.1:9000', leadershipChatId: -1001234, adminIds: [1, 2, 3], timezone: 'Europe/Berlin', locale: 'en' });
  });

  it('builds in China’s public holidays where the zone is China’s, unless HOLIDAYS says otherwise', () => {
    expect(loadConfig({}).holidays).toBe('cn');
    expect(loadConfig({ TIMEZONE: 'Asia/Urumqi' }).holidays).toBe('cn');
    expect(loadConfig({ TIMEZONE: 'Europe/Berlin' }).holidays).toBe('none');
    expect(loadConfig({ TIMEZONE: 'Europe/Berlin', HOLIDAYS: 'cn' }).holidays).toBe('cn');
    expect(loadConfig({ HOLIDAYS: 'none' }).holidays).toBe('none');
    expect(problemsOf({ HOLIDAYS: 'china' })).toEqual([expect.stringContaining('HOLIDAYS')]);
  });

  it('names each malformed setting and what it expects, in the configured language', () => {
    const problems = problemsOf({ TIMEZONE: 'Asia/Beijing', ADMIN_IDS: '12,abc', PROMPT_CRON: 'every monday', LOCALE: 'en', LEADERSHIP_CHAT_ID: 'group' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toContain('Setting TIMEZONE is wrong: Asia/Beijing. Expected: an IANA time zone name');
    expect(problems.join('\n')).toContain('ADMIN_IDS');
    expect(problems.join('\n')).toContain('PROMPT_CRON');
    expect(problems.join('\n')).toContain('LEADERSHIP_CHAT_ID');
  });

  it('refuses settings that would mislead: a URL that is not PostgreSQL\'s for the database, a chat id Telegram cannot hold', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://duban@127.0.0.1/duban' })).toEqual([]);
    const [database] = problemsOf({ DATABASE_URL: 'mysql://duban@127.0.0.1/duban' });
    expect(database).toContain('DATABASE_URL');
    expect(database).toContain('postgres://duban@127.0.0.1:5432/duban');
    const [chat] = problemsOf({ LEADERSHIP_CHAT_ID: '99999999999999999999' });
    expect(chat).toContain('LEADERSHIP_CHAT_ID');
    expect(problemsOf({ ADMIN_IDS: '1,99999999999999999999' })).toEqual([expect.stringContaining('ADMIN_IDS')]);
    expect(loadConfig({ LEADERSHIP_CHAT_ID: '-1001234567890' }).leadershipChatId).toBe(-1001234567890);
  });

  it('binds /healthz to loopback unless the board or a webhook must be reached from outside, or HTTP_HOST says', () => {
    expect(loadConfig({}).httpHost).toBe('127.0.0.1');
    expect(loadConfig({ PUBLIC_BOARD: 'on' }).httpHost).toBe('0.0.0.0');
    expect(loadConfig({ WEBHOOK_URL: 'https://bot.example.gov.cn/hook', WEBHOOK_SECRET: 'a-secret-of-twenty-chars' }).httpHost).toBe('0.0.0.0');
    expect(loadConfig({ PUBLIC_BOARD: 'on', HTTP_HOST: '127.0.0.1' }).httpHost).toBe('127.0.0.1');
  });

  it('names a missing required setting, and never echoes a malformed token', () => {
    expect(problemsOf({}, ['BOT_TOKEN'])).toEqual([expect.stringContaining('缺少配置项 BOT_TOKEN')]);
    const [problem] = problemsOf({ BOT_TOKEN: 'not a token but a secret' });
    expect(problem).toContain('BOT_TOKEN');
    expect(problem).not.toContain('secret');
  });

  it('stops npm start with the setting named when the token is missing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'duban-start-'));
    const run = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('src/main.ts')], { cwd, env: { PATH: process.env.PATH, TIMEZONE: 'Mars/Olympus' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BOT_TOKEN');
    expect(run.stderr).toContain('TIMEZONE');
  });
});
