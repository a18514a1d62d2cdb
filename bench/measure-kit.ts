/** What every measurement shares: the bot's token, the clock, its wording, a quiet logger. */
import { translator } from '../src/i18n/translate.ts';
import { createLogger } from '../src/logger.ts';

export const TOKEN = '100000002:bench';
export const t = translator('zh-CN');
export const silent = createLogger({ level: 'fatal', secrets: [TOKEN] });
export const MONDAY = new Date('2025-12-22T01:00:00Z');
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
