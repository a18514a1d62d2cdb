/** The lowest and highest score a criterion takes. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export type ScoreReply =
  | { ok: true; scores: number[] | null; comment: string | null }
  | { ok: false; problem: 'tooFew' | 'outOfRange'; found: number; bad?: string };

/** A score as typed, with an optional 分 after it: `5`, `4分`, `５`. */
const SCORE = /^(\d+(?:\.\d+)?)分?(?:[\s,，、;；/]+|(?=[^\d.])|$)/;

/**
 * A reply to a scoring card: the scores in the criteria's order, then a comment (`5 4 3 窗口服务
 * 有改进`). A reply that starts with no number is a comment alone. The first `criteria` numbers are
 * the scores; what follows is the comment, even if it starts with a number.
 *
 * @example parseScoreReply('5 4 3 窗口服务有改进', 3) // { ok: true, scores: [5, 4, 3], comment: '窗口服务有改进' }
 */
export function parseScoreReply(text: string, criteria: number): ScoreReply {
  let rest = text.normalize('NFKC').trim();
  const scores: string[] = [];
  for (let match = SCORE.exec(rest); match && scores.length < criteria; match = SCORE.exec(rest)) {
    scores.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  const comment = rest.trim() || null;
  if (scores.length === 0) return { ok: true, scores: null, comment };
  const bad = scores.find((score) => !isScore(Number(score)));
  if (bad !== undefined) return { ok: false, problem: 'outOfRange', found: scores.length, bad };
  if (scores.length < criteria) return { ok: false, problem: 'tooFew', found: scores.length };
  return { ok: true, scores: scores.map(Number), comment };
}

export function isScore(value: number): boolean {
  return Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}
