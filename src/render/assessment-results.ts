import type { TargetResult } from '../domain/assessment-results.ts';
import type { HtmlTranslate } from './html.ts';
import type { Translate } from '../i18n/translate.ts';
import { unitTypeWord } from './assessment-words.ts';
import type { AssessmentRound } from '../store/assessment-rounds.ts';

/** `4.50`: a score as the results show it, always two decimals, so that columns of them line up. */
export const scoreText = (score: number) => score.toFixed(2);

/** The criteria's means beside their names: `服务态度 4.50 · 办事效率 3.67`. */
export function meansText(t: Translate, criteria: readonly string[], means: readonly number[]): string {
  return criteria.map((criterion, i) => t('assess.scores', { criterion, score: scoreText(means[i]!) })).join(t('assess.scoresSeparator'));
}

/**
 * A round's results as plain lines (the chat escapes them; the command line prints them): the
 * ranked targets with their means, then those with too few ratings, then the comments, by unit,
 * without names.
 */
export function resultsLines(t: Translate, round: AssessmentRound, results: readonly TargetResult[], options: { minRaterUnits: number; state: string }): string[] {
  const lines = [t('assess.results.head', { round: round.name, state: options.state, criteria: round.criteria.join('、'), raters: unitTypeWord(t, round.raterType), targets: unitTypeWord(t, round.targetType) })];
  if (results.length === 0) return [...lines, t('assess.results.none')];
  for (const result of results) {
    if (result.overall === null) lines.push(t('assess.results.few', { unit: result.unit, min: options.minRaterUnits }));
    else lines.push(t('assess.results.line', { rank: result.rank!, unit: result.unit, overall: scoreText(result.overall), means: meansText(t, round.criteria, result.means!), raterUnits: result.raterUnits, raters: result.raters }));
  }
  for (const result of results.filter((each) => each.comments.length > 0)) {
    lines.push('', t('assess.results.commentsHead', { unit: result.unit }), ...result.comments.map((comment) => t('assess.results.comment', { comment })));
  }
  return lines;
}

/** A unit's part in assessment rounds, for `/unit`: closed rounds that scored it, open ones it is in. */
export interface UnitRounds {
  closed: readonly { round: string; closedOn: string; overall: number | null; rank: number | null; ranked: number }[];
  open: readonly { round: string; target: boolean; rater: { cards: number; finished: number } | null }[];
}

export function unitRoundLines(t: HtmlTranslate, rounds: UnitRounds): string[] {
  if (rounds.closed.length === 0 && rounds.open.length === 0) return [];
  const lines = [t('assess.unit.head')];
  for (const round of rounds.open) {
    if (round.target) lines.push(t('assess.unit.openTarget', { round: round.round }));
    if (round.rater) lines.push(t('assess.unit.openRater', { round: round.round, finished: round.rater.finished, cards: round.rater.cards }));
  }
  for (const round of rounds.closed) {
    lines.push(round.overall === null
      ? t('assess.unit.few', { round: round.round, on: round.closedOn })
      : t('assess.unit.scored', { round: round.round, overall: scoreText(round.overall), rank: round.rank!, of: round.ranked, on: round.closedOn }));
  }
  return lines;
}
