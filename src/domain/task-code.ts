/**
 * A code for a task of a table that has no 编号 column, from what does not move when the office
 * reorders, renumbers or inserts rows: the lead unit and the title. The next import of the same
 * file, still without codes, gives the same codes, so it matches the same tasks; 序号 is never
 * used, since a renumbered 序号 would move a task's history to another task.
 *
 * Blanks and punctuation do not count (「老旧小区改造。」 is 「老旧小区改造」); a changed word
 * does: the task is then a new one, and the import's preview shows the old one as no longer
 * listed.
 *
 * @example derivedTaskCode('区住建局', '老旧小区改造') // 'RW-…' (8 letters and digits, two groups of four)
 */
export function derivedTaskCode(unit: string, title: string): string {
  const letters = hash64(`${fold(unit)}\u0000${fold(title)}`);
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}`;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/** Crockford's base32, as the invite codes: no I, L, O or U to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** FNV-1a, 64 bits, as eight base32 letters: stable across versions and machines, and 40 bits make a collision in a province's table unlikely. */
function hash64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  let letters = '';
  for (let i = 0; i < 8; i += 1, hash >>= 5n) letters += ALPHABET[Number(hash & 31n)];
  return letters;
}
