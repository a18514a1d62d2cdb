import type { TargetResult } from '../domain/assessment-results.ts';
import type { Translate } from '../i18n/translate.ts';
import { meansText } from '../render/assessment-results.ts';
import type { AssessmentRound } from '../store/assessment-rounds.ts';
import type { Sheet, SheetValue } from './sheet.ts';

/**
 * One round's results as a printable sheet: rank, unit, overall, each criterion's mean, how many
 * units and raters took part, the comments without names. A target with too few rater units
 * says so and shows no number.
 */
export function roundResultsSheet(t: Translate, round: AssessmentRound, results: readonly TargetResult[], title: string): Sheet {
  const column = (key: Parameters<Translate>[0]) => t(key);
  return {
    name: t('assess.results.sheet'),
    title,
    columns: [
      { header: column('assess.results.column.rank'), kind: 'number', width: 6 },
      { header: column('assess.results.column.unit'), kind: 'text' },
      { header: column('assess.results.column.overall'), kind: 'number', width: 14, decimals: 2 },
      ...round.criteria.map((criterion) => ({ header: criterion, kind: 'number' as const, width: 10, decimals: 2 })),
      { header: column('assess.results.column.raterUnits'), kind: 'number', width: 10 },
      { header: column('assess.results.column.raters'), kind: 'number', width: 9 },
      { header: column('assess.results.column.comments'), kind: 'longText' },
    ],
    rows: results.map((result): SheetValue[] => [
      result.rank,
      result.unit,
      result.overall ?? t('assess.results.tooFew'),
      ...round.criteria.map((_, i) => result.means?.[i] ?? null),
      result.raterUnits,
      result.raters,
      result.comments.join('\n') || null,
    ]),
  };
}

/** Every closed round's results in one sheet, for the table export: round by round, ranked. */
export function assessmentExportSheet(t: Translate, rounds: readonly { round: AssessmentRound; results: readonly TargetResult[] }[]): Sheet {
  return {
    name: t('assess.results.sheet'),
    columns: [
      { header: t('assess.results.column.round'), kind: 'text' },
      { header: t('assess.results.column.rank'), kind: 'number', width: 6 },
      { header: t('assess.results.column.unit'), kind: 'text' },
      { header: t('assess.results.column.overall'), kind: 'number', width: 14, decimals: 2 },
      { header: t('assess.results.column.means'), kind: 'longText' },
      { header: t('assess.results.column.raterUnits'), kind: 'number', width: 10 },
      { header: t('assess.results.column.raters'), kind: 'number', width: 9 },
    ],
    rows: rounds.flatMap(({ round, results }) =>
      results.map((result): SheetValue[] => [
        round.name,
        result.rank,
        result.unit,
        result.overall ?? t('assess.results.tooFew'),
        result.means ? meansText(t, round.criteria, result.means) : null,
        result.raterUnits,
        result.raters,
      ]),
    ),
  };
}
