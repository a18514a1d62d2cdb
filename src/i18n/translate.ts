import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type MessageKey = keyof typeof zhCN;
export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

export type MessageParams = Record<string, string | number>;

/** Turns a key and its params into the user's words, e.g. `t('bot.whoami', { name: '张伟', … })`. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A message split once at its placeholders: text at even places, param names at odd ones. */
function compile(message: string): readonly string[] {
  return message.split(/\{(\w+)\}/);
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  // Compiled on first use: a digest of 100,000 tasks words each line from the same few messages.
  const compiled = new Map<MessageKey, readonly string[]>();
  return (key, params = {}) => {
    let parts = compiled.get(key);
    if (!parts) compiled.set(key, (parts = compile(catalog[key])));
    let text = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      text += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return text;
  };
}
