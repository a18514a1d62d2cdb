import { groupBy } from './group-by.ts';

/** One rater's card for one target: a score per criterion (null: not yet given), and a comment. */
export interface ScoreCard {
  raterUnitId: number;
  targetUnitId: number;
  scores: readonly (number | null)[];
  comment: string | null;
}

export interface AssessmentTarget {
  unitId: number;
  unit: string;
}

/** A target's standing in a round. Numbers only where enough rater units took part. */
export interface TargetResult extends AssessmentTarget {
  /** Cards finished (every criterion scored) for this target. */
  raters: number;
  /** Rater units with at least one finished card: each one voice. */
  raterUnits: number;
  /** Whether `raterUnits` reaches the minimum: otherwise "too few ratings", and nothing below. */
  enough: boolean;
  /** Per criterion, the mean of the rater units' means (to two decimals); null when not enough. */
  means: number[] | null;
  /** The mean of the criteria's means, to two decimals. */
  overall: number | null;
  /** 1 for the best; equal overall scores share a rank (1, 1, 3); null when not enough. */
  rank: number | null;
  /** The comments, without names, in no order that tells who wrote which; none when not enough. */
  comments: string[];
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Scores are compared, ranked and shown to two decimals: 4.333… and 4.33 are the same score. */
export const roundScore = (value: number) => Math.round(value * 100) / 100;

/** Whether every criterion of a card has its score. */
export const isFinished = (scores: readonly (number | null)[]) => scores.every((score) => score !== null);

const finished = (card: ScoreCard, criteria: number) => card.scores.length === criteria && isFinished(card.scores);

/**
 * A round's results. Each rater unit has one voice: its people's finished cards are averaged per
 * criterion first, and a target's mean per criterion is the mean of those unit means, so that a
 * unit of twenty does not outweigh a unit of two. A target scored by fewer than `minRaterUnits`
 * units shows no numbers and no comments (too few to keep anyone anonymous), and is not ranked.
 *
 * @example
 * assessmentResults({ criteria: 1, minRaterUnits: 1, targets: [{ unitId: 9, unit: '民政局' }],
 *   cards: [{ raterUnitId: 1, targetUnitId: 9, scores: [4], comment: null }] })[0]!.overall // 4
 */
export function assessmentResults(input: { criteria: number; minRaterUnits: number; targets: readonly AssessmentTarget[]; cards: readonly ScoreCard[] }): TargetResult[] {
  const byTarget = groupBy(input.cards, (card) => card.targetUnitId);
  const results = input.targets.map((target): TargetResult => {
    const cards = byTarget.get(target.unitId) ?? [];
    const done = cards.filter((card) => finished(card, input.criteria));
    const unitMeans = [...groupBy(done, (card) => card.raterUnitId).values()].map((unitCards) =>
      Array.from({ length: input.criteria }, (_, criterion) => mean(unitCards.map((card) => card.scores[criterion]!))),
    );
    const enough = unitMeans.length >= input.minRaterUnits && unitMeans.length > 0;
    const exact = Array.from({ length: input.criteria }, (_, criterion) => mean(unitMeans.map((unit) => unit[criterion]!)));
    const comments = enough ? cards.flatMap((card) => (card.comment ? [card.comment] : [])).sort((a, b) => a.localeCompare(b, 'zh-CN')) : [];
    const [means, overall] = enough ? [exact.map(roundScore), roundScore(mean(exact))] : [null, null];
    return { ...target, raters: done.length, raterUnits: unitMeans.length, enough, means, overall, rank: null, comments };
  });
  const ranked = results.filter((result) => result.overall !== null).sort((a, b) => b.overall! - a.overall!);
  for (const result of ranked) result.rank = 1 + ranked.filter((other) => other.overall! > result.overall!).length;
  return [...ranked, ...results.filter((result) => result.overall === null)];
}

/** The criteria (by index) whose mean falls below `threshold`: what a follow-up task is about. */
export function lowCriteria(result: TargetResult, threshold: number): number[] {
  return (result.means ?? []).flatMap((value, criterion) => (value < threshold ? [criterion] : []));
}
