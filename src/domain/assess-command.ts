/**
 * `assess open NAME --raters TYPE --targets TYPE [--criteria A,B,C] [--closes DATE]`, `assess close
 * NAME`, `assess results NAME [--json]`: the same words on the command line and in the admin's chat.
 */
export type AssessCommand =
  | { action: 'open'; name: string; raters: string; targets: string; criteria: string[] | undefined; closes: string | undefined }
  | { action: 'close'; name: string }
  | { action: 'results'; name: string; json: boolean };

export type AssessCommandProblem = { problem: 'usage' } | { problem: 'missing'; option: '--raters' | '--targets' } | { problem: 'unknownOption'; option: string };

const OPTIONS = ['--raters', '--targets', '--criteria', '--closes'] as const;
type OptionName = (typeof OPTIONS)[number];

/** Criteria as offices list them: `服务态度,办事效率`, `服务态度、办事效率`, `服务态度，办事效率`. */
export function splitCriteria(text: string): string[] {
  return text.split(/[,，、;；]/).map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * Reads the words after `assess`: the name is every word before the first option.
 *
 * @example parseAssessCommand(['open', '社区评部门', '--raters', '社区', '--targets', '部门']) // { action: 'open', name: '社区评部门', raters: '社区', targets: '部门', … }
 */
export function parseAssessCommand(words: readonly string[]): AssessCommand | AssessCommandProblem {
  const [action, ...rest] = words.map((word) => word.normalize('NFKC').replace(/^[—–]{1,2}(?=\w)/, '--'));
  const firstOption = rest.findIndex((word) => word.startsWith('--'));
  const name = (firstOption < 0 ? rest : rest.slice(0, firstOption)).join(' ').trim();
  const optionWords = firstOption < 0 ? [] : rest.slice(firstOption);
  if (name === '' || (action !== 'open' && action !== 'close' && action !== 'results')) return { problem: 'usage' };
  if (action === 'close') return optionWords.length === 0 ? { action, name } : { problem: 'unknownOption', option: optionWords[0]! };
  if (action === 'results') {
    const stray = optionWords.find((word) => word !== '--json');
    return stray === undefined ? { action, name, json: optionWords.includes('--json') } : { problem: 'unknownOption', option: stray };
  }
  const options = new Map<OptionName, string>();
  for (let i = 0; i < optionWords.length; i += 1) {
    const word = optionWords[i]!;
    const [key, inline] = word.split('=', 2) as [string, string | undefined];
    if (!(OPTIONS as readonly string[]).includes(key)) return { problem: 'unknownOption', option: word };
    const values: string[] = inline === undefined ? [] : [inline];
    while (inline === undefined && i + 1 < optionWords.length && !optionWords[i + 1]!.startsWith('--')) values.push(optionWords[++i]!);
    options.set(key as OptionName, values.join(' ').trim());
  }
  const raters = options.get('--raters');
  const targets = options.get('--targets');
  if (!raters) return { problem: 'missing', option: '--raters' };
  if (!targets) return { problem: 'missing', option: '--targets' };
  const criteria = options.get('--criteria');
  return { action, name, raters, targets, criteria: criteria === undefined ? undefined : splitCriteria(criteria), closes: options.get('--closes') || undefined };
}
