/**
 * What a person wrote about a task's progress: `60% 完成签约120户`, `受阻 资金未到位`,
 * `无变化`, with optional `问题：…` and `下一步：…` parts.
 */
export interface ReportText {
  /** null when the text gives no number: `same` or a note alone. */
  percent: number | null;
  blocked: boolean;
  sameAsBefore: boolean;
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
}

export type ReportProblem = 'percent.range' | 'percent.missing';

// After a percent sign the note may follow at once (`60%完成签约`); a bare number must stand apart (`120户` is no percent).
const LEADING_NUMBER = /^(?:进度|完成|progress)?\s*[:：]?\s*([-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?)(?:\s*(?:%|％|percent\b)|(?=$|[\s,，。;；:：、]))/i;
// `\b` only after the English word: between two CJK characters or before a space there is no word boundary.
const BLOCKED = /^(?:受阻|阻塞|卡住|blocked(?![a-z0-9_]))\s*[:：,，]?/i;
const SAME = /^(?:无变化|没有变化|没变化|同上周|同上|no change|unchanged)\s*[:：,，。]?/i;
const SECTION = /(问题|困难|problems?|下一步|计划|next steps?|next)\s*[:：]/gi;

/**
 * Reads a one-line answer. A number at the start is the percent; it must be 0–100. The text
 * itself is kept as written: its full-width punctuation is part of the note.
 *
 * @example parseReportText('60% 完成签约120户 问题：资金未到位') // percent 60, note, problems
 */
export function parseReportText(text: string): { ok: true; value: ReportText } | { ok: false; problem: ReportProblem; value?: string } {
  let rest = text.trim();
  let percent: number | null = null;
  let blocked = false;
  let sameAsBefore = false;

  const blockedMatch = BLOCKED.exec(rest);
  if (blockedMatch) (blocked = true), (rest = rest.slice(blockedMatch[0].length).trim());
  const sameMatch = SAME.exec(rest);
  if (sameMatch) (sameAsBefore = true), (rest = rest.slice(sameMatch[0].length).trim());
  const number = LEADING_NUMBER.exec(rest);
  if (number) {
    const value = Number(number[1]!.normalize('NFKC').replace(/[−－]/, '-'));
    if (!(value >= 0 && value <= 100)) return { ok: false, problem: 'percent.range', value: `${number[1]}%` };
    percent = Math.round(value);
    rest = rest.slice(number[0].length).trim();
  }
  if (!blocked) {
    const late = BLOCKED.exec(rest);
    if (late) (blocked = true), (rest = rest.slice(late[0].length).trim());
  }

  const parts = splitSections(rest);
  return { ok: true, value: { percent, blocked, sameAsBefore, ...parts } };
}

function splitSections(text: string): Pick<ReportText, 'note' | 'problems' | 'nextSteps'> {
  const found: { kind: 'problems' | 'nextSteps'; start: number; end: number }[] = [];
  for (const match of text.matchAll(SECTION)) {
    const word = match[1]!.toLowerCase();
    found.push({ kind: /问题|困难|problem/.test(word) ? 'problems' : 'nextSteps', start: match.index!, end: match.index! + match[0].length });
  }
  const clean = (part: string) => part.replace(/^[\s,，。;；]+|[\s,，;；]+$/g, '') || null;
  const result: Pick<ReportText, 'note' | 'problems' | 'nextSteps'> = { note: clean(text.slice(0, found[0]?.start ?? text.length)), problems: null, nextSteps: null };
  found.forEach((section, index) => {
    const body = clean(text.slice(section.end, found[index + 1]?.start ?? text.length));
    result[section.kind] = [result[section.kind], body].filter(Boolean).join('；') || null;
  });
  return result;
}

/** A progress button's value: a percent 0–100, `same` or `blocked`; null for anything else. */
export type ButtonValue = number | 'same' | 'blocked';

export function parseButtonValue(value: string): ButtonValue | null {
  if (value === 'same' || value === 'blocked') return value;
  const percent = Number(value);
  return /^\d{1,3}$/.test(value) && percent <= 100 ? percent : null;
}
