import { groupBy } from './group-by.ts';

/**
 * Items reordered in rounds: every key's first item, then every key's second, and so on; each
 * key's items keep their order. Prompts go out so: a chat takes one message a second, so a
 * person's second prompt must wait a second anyway, and sending everyone's first one first keeps
 * the line moving at the global limit to the end instead of trailing off.
 *
 * @example inRounds(['a1', 'a2', 'b1'], (x) => x[0]) // ['a1', 'b1', 'a2']
 */
export function inRounds<T, K>(items: Iterable<T>, key: (item: T) => K): T[] {
  const groups = [...groupBy(items, key).values()];
  const rounds: T[] = [];
  for (let round = 0; groups.length > 0; round += 1) {
    let kept = 0;
    for (const group of groups) {
      if (round >= group.length) continue;
      rounds.push(group[round]!);
      groups[kept++] = group;
    }
    groups.length = kept;
  }
  return rounds;
}
