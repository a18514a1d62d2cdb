import type { Db } from '../db/database.ts';
import type { ExpressionBuilder } from 'kysely';
import type { AssessmentResultTable, Database } from '../db/schema.ts';
import type { TargetResult } from '../domain/assessment-results.ts';
import type { UnitAssessment } from '../domain/digest.ts';

/** Keeps a round's results as they stand at its close: what the digest, /unit and the export show from then on. */
export async function saveResults(db: Db, roundId: number, results: readonly TargetResult[]): Promise<void> {
  if (results.length === 0) return;
  await db
    .insertInto('assessmentResults')
    .values(results.map((result) => ({
      roundId,
      unitId: result.unitId,
      raters: result.raters,
      raterUnits: result.raterUnits,
      means: result.means && JSON.stringify(result.means),
      overall: result.overall,
      rank: result.rank,
      comments: JSON.stringify(result.comments),
    })))
    .execute();
}

/** A closed round's results, ranked first, then the targets with too few ratings, by name. */
export async function storedResults(db: Db, roundId: number): Promise<TargetResult[]> {
  const rows = await db
    .selectFrom('assessmentResults')
    .innerJoin('units', 'units.id', 'assessmentResults.unitId')
    .select(['unitId', 'units.name as unit', 'raters', 'raterUnits', 'means', 'overall', 'rank', 'comments'])
    .where('roundId', '=', roundId)
    .execute();
  return rows
    .map((row) => ({ ...row, enough: row.overall !== null, means: row.means === null ? null : (JSON.parse(row.means) as number[]), comments: JSON.parse(row.comments) as string[] }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** How many targets the round of result `r` ranked. */
const rankedIn = (eb: ExpressionBuilder<Database & { r: AssessmentResultTable }, 'r'>) =>
  eb.selectFrom('assessmentResults as other').select((o) => o.fn.countAll<number>().as('n')).whereRef('other.roundId', '=', 'r.roundId').where('other.rank', 'is not', null);

/** A unit's standing in a closed round. */
export interface UnitStanding {
  round: string;
  roundId: number;
  closedAt: string;
  overall: number | null;
  rank: number | null;
  /** How many targets were ranked in the round. */
  ranked: number;
  raterUnits: number;
}

/**
 * Each unit's score in the latest closed round that gave it one, by unit name: what the digest
 * shows beside its delivery figures. A round that scored it too few times does not replace an
 * earlier score.
 */
export async function latestAssessments(db: Db): Promise<Map<string, UnitAssessment>> {
  const rows = await db
    .selectFrom('assessmentResults as r')
    .innerJoin('assessmentRounds as round', 'round.id', 'r.roundId')
    .innerJoin('units', 'units.id', 'r.unitId')
    .select((eb) => ['units.name as unit', 'round.name as round', 'r.overall', 'r.rank', rankedIn(eb).as('ranked')])
    .where('round.closedAt', 'is not', null)
    .where('r.overall', 'is not', null)
    .orderBy('round.closedAt')
    .orderBy('round.id')
    .execute();
  // Later rounds come later and take the unit's place.
  return new Map(rows.map((row) => [row.unit, { round: row.round, overall: row.overall!, rank: row.rank!, ranked: Number(row.ranked ?? 0) }]));
}

/** Every closed round that scored the unit, newest first. */
export async function standingsOfUnit(db: Db, unitId: number): Promise<UnitStanding[]> {
  const rows = await db
    .selectFrom('assessmentResults as r')
    .innerJoin('assessmentRounds as round', 'round.id', 'r.roundId')
    .select((eb) => ['round.name as round', 'round.id as roundId', 'round.closedAt', 'r.overall', 'r.rank', 'r.raterUnits', rankedIn(eb).as('ranked')])
    .where('r.unitId', '=', unitId)
    .where('round.closedAt', 'is not', null)
    .orderBy('round.closedAt', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, closedAt: row.closedAt!, ranked: Number(row.ranked ?? 0) }));
}
