import { validate as isCronExpression } from 'node-cron';
import { isPostgresUrl } from './db/database-url.ts';
import type { Thresholds } from './domain/status.ts';
import { locales, translator, type Locale, type MessageKey } from './i18n/translate.ts';

/**
 * The settings of DESIGN.md ("Interfaces that stay stable"), read once from the environment
 * (and `.env`, loaded by the entry points) and validated before anything starts.
 */
export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  databaseUrl: string;
  leadershipChatId: number | undefined;
  adminIds: readonly number[];
  timezone: string;
  locale: Locale;
  promptCron: string;
  remindCron: string;
  digestCron: string;
  logLevel: string;
  /** Messages a second the sender allows itself, all chats together (Telegram's limit is about 30). */
  sendRatePerSecond: number;
  /** How long a process's lease on sending or polling lasts unless renewed: how soon another takes over if it dies. */
  leaseMs: number;
  /** When set, updates come by webhook to this public URL instead of long polling. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** The port of the webhook and /healthz server. */
  port: number;
  /**
   * Where that server binds: loopback unless something outside must reach it (the public board,
   * or a webhook without a proxy in front), so that /healthz is not the world's by accident.
   */
  httpHost: string;
  backupCron: string;
  backupDir: string;
  backupKeep: number;
  /** The status rules' thresholds (DESIGN.md, "Status rules"). */
  thresholds: Thresholds;
  /** The group digest's budget in messages: past it, what is on track, then yellow, then the silent's names fold into counts. */
  digestMaxMessages: number;
  /** The public board (一张图, 立此存照), served on `port` when on. */
  publicBoard: boolean;
  /** The board's public address, for links from the bot; none: no links. */
  publicUrl: string | undefined;
  /** The map's tile template (`https://t{s}.tianditu.gov.cn/…&tk=…`); none: markers on a plain grid. */
  mapTileUrl: string | undefined;
  mapTileAttribution: string | undefined;
  /** The datum the tiles are drawn in: GCJ-02 for 高德's, WGS-84 (what duban stores) otherwise. */
  mapTileDatum: 'wgs84' | 'gcj02';
  /** Linked assessment (联动考核): the rater units a target needs before its numbers are shown. */
  assessMinRaters: number;
  /** A criterion whose mean falls below this gets its target a follow-up task (测评整改); 0: none. */
  assessFollowUpBelow: number;
  /** Days a follow-up task has, from the round's close. */
  assessFollowUpDays: number;
  /** Public holidays built in: mainland China's (`cn`), or none (weekends, and the admin's marks). */
  holidays: 'cn' | 'none';
}

/** Every problem with the settings, each naming the setting and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type Check = { expected: MessageKey; test: (value: string) => boolean };

/** Time zones of mainland China: there, the State Council's public holidays are the default. */
const CHINA_ZONES = ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'PRC'];

const checks = {
  BOT_TOKEN: { expected: 'config.expect.botToken', test: (v) => /^\d+:[\w-]+$/.test(v) },
  TELEGRAM_API_ROOT: { expected: 'config.expect.url', test: isHttpUrl },
  // A URL other than postgres:// is not a file path: taken as one, it would make a folder named after its scheme.
  DATABASE_URL: { expected: 'config.expect.databaseUrl', test: (v) => isPostgresUrl(v) ? URL.canParse(v) : v.length > 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) },
  // Telegram's ids fit in 52 bits; 99999999999999999999 would be read as 1e20.
  LEADERSHIP_CHAT_ID: { expected: 'config.expect.chatId', test: (v) => /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) },
  ADMIN_IDS: { expected: 'config.expect.userIds', test: (v) => v.split(',').every((id) => /^\d+$/.test(id.trim()) && Number.isSafeInteger(Number(id.trim()))) },
  TIMEZONE: { expected: 'config.expect.timezone', test: isTimeZone },
  LOCALE: { expected: 'config.expect.locale', test: (v) => (locales as string[]).includes(v) },
  PROMPT_CRON: { expected: 'config.expect.cron', test: isCronExpression },
  REMIND_CRON: { expected: 'config.expect.cron', test: isCronExpression },
  DIGEST_CRON: { expected: 'config.expect.cron', test: isCronExpression },
  LOG_LEVEL: { expected: 'config.expect.logLevel', test: (v) => /^(fatal|error|warn|info|debug|trace)$/.test(v) },
  SEND_RATE_PER_SEC: { expected: 'config.expect.rate', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 },
  LEASE_SECONDS: { expected: 'config.expect.leaseSeconds', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 600 },
  WEBHOOK_URL: { expected: 'config.expect.url', test: isHttpUrl },
  WEBHOOK_SECRET: { expected: 'config.expect.webhookSecret', test: (v) => /^[A-Za-z0-9_-]{16,256}$/.test(v) },
  HTTP_HOST: { expected: 'config.expect.host', test: (v) => /^[\w.:-]+$/.test(v) },
  PORT: { expected: 'config.expect.port', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 },
  BACKUP_CRON: { expected: 'config.expect.cron', test: isCronExpression },
  BACKUP_DIR: { expected: 'config.expect.path', test: (v) => v.length > 0 },
  BACKUP_KEEP: { expected: 'config.expect.keep', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 },
  STATUS_RED_BEHIND: { expected: 'config.expect.points', test: (v) => /^\d+$/.test(v) && Number(v) <= 100 },
  STATUS_YELLOW_BEHIND: { expected: 'config.expect.points', test: (v) => /^\d+$/.test(v) && Number(v) <= 100 },
  MILESTONE_SOON_DAYS: { expected: 'config.expect.days', test: (v) => /^\d+$/.test(v) && Number(v) <= 365 },
  SILENT_RED_CYCLES: { expected: 'config.expect.cycles', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 52 },
  DIGEST_MAX_MESSAGES: { expected: 'config.expect.messages', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 50 },
  PUBLIC_BOARD: { expected: 'config.expect.onOff', test: (v) => /^(on|off)$/.test(v) },
  PUBLIC_URL: { expected: 'config.expect.url', test: isHttpUrl },
  MAP_TILE_URL: { expected: 'config.expect.tileUrl', test: (v) => isHttpUrl(v.replace(/[{}]/g, '')) && v.includes('{z}') },
  MAP_TILE_ATTRIBUTION: { expected: 'config.expect.text', test: (v) => v.length <= 300 },
  MAP_TILE_DATUM: { expected: 'config.expect.datum', test: (v) => /^(wgs84|gcj02)$/.test(v) },
  ASSESS_MIN_RATERS: { expected: 'config.expect.minRaters', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100 },
  ASSESS_FOLLOW_UP_BELOW: { expected: 'config.expect.scoreBelow', test: (v) => /^\d(\.\d+)?$/.test(v) && Number(v) <= 5 },
  ASSESS_FOLLOW_UP_DAYS: { expected: 'config.expect.days', test: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 365 },
  HOLIDAYS: { expected: 'config.expect.holidays', test: (v) => /^(cn|none)$/.test(v) },
} satisfies Record<string, Check>;

type SettingName = keyof typeof checks;

const defaults: Partial<Record<SettingName, string>> = {
  TELEGRAM_API_ROOT: 'https://api.telegram.org',
  DATABASE_URL: 'data/duban.sqlite',
  TIMEZONE: 'Asia/Shanghai',
  LOCALE: 'zh-CN',
  PROMPT_CRON: '0 9 * * 1',
  REMIND_CRON: '0 9 * * 3,5',
  DIGEST_CRON: '0 17 * * 5',
  LOG_LEVEL: 'info',
  SEND_RATE_PER_SEC: '30',
  LEASE_SECONDS: '15',
  PORT: '8080',
  BACKUP_CRON: '30 2 * * *',
  BACKUP_DIR: 'data/backups',
  BACKUP_KEEP: '14',
  STATUS_RED_BEHIND: '25',
  STATUS_YELLOW_BEHIND: '10',
  MILESTONE_SOON_DAYS: '7',
  SILENT_RED_CYCLES: '2',
  DIGEST_MAX_MESSAGES: '6',
  PUBLIC_BOARD: 'off',
  MAP_TILE_DATUM: 'wgs84',
  ASSESS_MIN_RATERS: '3',
  ASSESS_FOLLOW_UP_BELOW: '3',
  ASSESS_FOLLOW_UP_DAYS: '30',
};

/**
 * Reads and validates the settings; throws a ConfigError listing every bad one.
 * `required` names settings that this entry point cannot run without (e.g. BOT_TOKEN for the bot).
 *
 * @example loadConfig(process.env, { required: ['BOT_TOKEN'] })
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { required?: SettingName[] } = {}): Config {
  const raw = {} as Record<SettingName, string | undefined>;
  for (const name of Object.keys(checks) as SettingName[]) raw[name] = optional(env[name]) ?? defaults[name];

  const locale = (raw.LOCALE && (locales as string[]).includes(raw.LOCALE) ? raw.LOCALE : 'zh-CN') as Locale;
  const t = translator(locale);
  const problems: string[] = [];
  for (const name of Object.keys(checks) as SettingName[]) {
    const value = raw[name];
    const { expected, test } = checks[name];
    if (value === undefined) {
      if (options.required?.includes(name)) problems.push(t('config.missing', { name, expected: t(expected) }));
    } else if (!test(value)) {
      const shown = name === 'BOT_TOKEN' || name === 'WEBHOOK_SECRET' ? '…' : value;
      problems.push(t('config.invalid', { name, problem: shown, expected: t(expected) }));
    }
  }
  if (raw.WEBHOOK_URL !== undefined && raw.WEBHOOK_SECRET === undefined) {
    problems.push(t('config.missing', { name: 'WEBHOOK_SECRET', expected: t('config.expect.webhookSecret') }));
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    botToken: raw.BOT_TOKEN,
    telegramApiRoot: raw.TELEGRAM_API_ROOT!.replace(/\/+$/, ''),
    databaseUrl: raw.DATABASE_URL!,
    leadershipChatId: raw.LEADERSHIP_CHAT_ID === undefined ? undefined : Number(raw.LEADERSHIP_CHAT_ID),
    adminIds: raw.ADMIN_IDS ? raw.ADMIN_IDS.split(',').map((id) => Number(id.trim())) : [],
    timezone: raw.TIMEZONE!,
    locale,
    promptCron: raw.PROMPT_CRON!,
    remindCron: raw.REMIND_CRON!,
    digestCron: raw.DIGEST_CRON!,
    logLevel: raw.LOG_LEVEL!,
    sendRatePerSecond: Number(raw.SEND_RATE_PER_SEC),
    leaseMs: Number(raw.LEASE_SECONDS) * 1000,
    webhookUrl: raw.WEBHOOK_URL,
    webhookSecret: raw.WEBHOOK_SECRET,
    port: Number(raw.PORT),
    httpHost: raw.HTTP_HOST ?? (raw.PUBLIC_BOARD === 'on' || raw.WEBHOOK_URL !== undefined ? '0.0.0.0' : '127.0.0.1'),
    backupCron: raw.BACKUP_CRON!,
    backupDir: raw.BACKUP_DIR!,
    backupKeep: Number(raw.BACKUP_KEEP),
    thresholds: {
      redBehind: Number(raw.STATUS_RED_BEHIND),
      yellowBehind: Number(raw.STATUS_YELLOW_BEHIND),
      milestoneSoonDays: Number(raw.MILESTONE_SOON_DAYS),
      redSilentCycles: Number(raw.SILENT_RED_CYCLES),
    },
    digestMaxMessages: Number(raw.DIGEST_MAX_MESSAGES),
    publicBoard: raw.PUBLIC_BOARD === 'on',
    publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
    mapTileUrl: raw.MAP_TILE_URL,
    mapTileAttribution: raw.MAP_TILE_ATTRIBUTION,
    mapTileDatum: raw.MAP_TILE_DATUM === 'gcj02' ? 'gcj02' : 'wgs84',
    assessMinRaters: Number(raw.ASSESS_MIN_RATERS),
    assessFollowUpBelow: Number(raw.ASSESS_FOLLOW_UP_BELOW),
    assessFollowUpDays: Number(raw.ASSESS_FOLLOW_UP_DAYS),
    holidays: (raw.HOLIDAYS ?? (CHINA_ZONES.includes(raw.TIMEZONE!) ? 'cn' : 'none')) as 'cn' | 'none',
  };
}

/** What an entry point says when DATABASE_URL names a file it cannot open: the setting, the path, why. */
export function unusableDatabaseProblem(config: Pick<Config, 'locale'>, path: string, reason: string): string {
  const t = translator(config.locale);
  return t('config.invalid', { name: 'DATABASE_URL', problem: `${path} (${reason})`, expected: t('config.expect.databaseUrl') });
}

/** The bot token, or the ConfigError that names it, for the entry points that need it. */
export function requireBotToken(config: Config): string {
  if (config.botToken) return config.botToken;
  const t = translator(config.locale);
  throw new ConfigError([t('config.missing', { name: 'BOT_TOKEN', expected: t('config.expect.botToken') })]);
}
