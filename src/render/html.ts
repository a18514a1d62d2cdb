import type { MessageKey, MessageParams, Translate } from '../i18n/translate.ts';

/** Text that is already HTML (a fragment rendered earlier), passed through unescaped. */
export class Html {
  constructor(readonly value: string) {}
}

export type HtmlParams = Record<string, string | number | Html>;
export type HtmlTranslate = (key: MessageKey, params?: HtmlParams) => string;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char]!);
}

/**
 * A catalog lookup for Telegram's HTML mode: every param is escaped (names, titles, notes come
 * from users), except fragments wrapped in `Html`.
 */
export function htmlTranslator(t: Translate): HtmlTranslate {
  return (key, params = {}) => {
    const escaped: MessageParams = {};
    for (const name in params) {
      const value = params[name]!;
      escaped[name] = value instanceof Html ? value.value : typeof value === 'string' ? escapeHtml(value) : value;
    }
    return t(key, escaped);
  };
}

/** Telegram's limit on a message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Packs blocks (each a whole item, never split) into as few messages as fit the limit; each
 * message after the first starts with `continued`. A block too long for any message is cut
 * (`overLong: 'cut'`, for a digest line) or, where every word counts (a person's own note), split
 * into as many messages as it takes (`'split'`); either way as plain text, since a tag cut in two
 * would be refused by Telegram.
 */
export function packMessages(blocks: readonly string[], continued: string, options: { limit?: number; overLong?: 'cut' | 'split' } = {}): string[] {
  const limit = options.limit ?? MESSAGE_LIMIT;
  const room = limit - continued.length - 1;
  const messages: string[] = [];
  let current = '';
  const add = (fitted: string) => {
    if (current !== '' && current.length + 1 + fitted.length > limit) {
      messages.push(current);
      current = `${continued}\n${fitted}`;
    } else {
      current = current === '' ? fitted : `${current}\n${fitted}`;
    }
  };
  for (const block of blocks) {
    if (block.length <= room) add(block);
    else if (options.overLong === 'split') for (const piece of plainPieces(block, room)) add(piece);
    else add(cutBlock(block, room));
  }
  if (current !== '') messages.push(current);
  return messages;
}

/** Characters of a block's plain text, entities (`&amp;`) and surrogate pairs kept whole. */
const plainCharacters = (block: string) => block.replace(/<[^>]*>/g, '').match(/&[a-z#0-9]+;|[\s\S]/giu) ?? [];

/**
 * An item too long for any message, cut to `max` characters: as plain text (a cut tag would be
 * rejected by Telegram), on a character boundary, and never inside an entity such as `&amp;`.
 */
function cutBlock(block: string, max: number): string {
  let cut = '';
  for (const char of plainCharacters(block)) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}

/** An item too long for any message, as plain pieces of at most `max` characters, nothing lost. */
function plainPieces(block: string, max: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of plainCharacters(block)) {
    if (piece.length + char.length > max) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** A note shortened for a digest line, on a character boundary. */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
