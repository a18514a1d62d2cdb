/**
 * The closest known names to what someone typed, best first: names containing it (or contained
 * in it) first, then those within a few edits. Used so that a wrong code or unit name gets
 * "did you mean …", not silence.
 *
 * @example suggest('zx01', ['ZX-01', 'ZX-10', 'JT-02']) // ['ZX-01', 'ZX-10']
 */
export function suggest(typed: string, known: readonly string[], limit = 3): string[] {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\-_.]/g, '');
  const wanted = fold(typed);
  if (wanted === '') return [];
  const scored = known.map((name) => {
    const folded = fold(name);
    const contains = folded.includes(wanted) || wanted.includes(folded);
    return { name, score: contains ? -1 + Math.abs(folded.length - wanted.length) / 100 : editDistance(wanted, folded) };
  });
  const allowed = Math.max(2, Math.floor([...wanted].length / 3));
  return scored
    .filter((s) => s.score <= allowed)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** How many single-character edits turn one text into the other. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}
