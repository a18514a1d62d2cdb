import type { Db } from '../db/database.ts';
import { lowCriteria, type TargetResult } from '../domain/assessment-results.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { addDays } from '../domain/cycle-week.ts';
import { htmlTranslator } from '../render/html.ts';
import { scoreText } from '../render/assessment-results.ts';
import { recordAudit } from '../store/audit-log.ts';
import type { AssessmentRound } from '../store/assessment-rounds.ts';
import { createFollowUpTask, freeTaskCode, unitResponsible } from '../store/follow-up-tasks.ts';
import { enqueueMessages } from '../store/outbox.ts';
import type { RoundDeps } from './assessment-rounds.ts';

/** How long the comments may run in a follow-up task's target before they are cut. */
const COMMENTS_CHARS = 1_500;

/**
 * 督考办跟进: for each target whose mean on a criterion fell below ASSESS_FOLLOW_UP_BELOW, a
 * follow-up task (测评整改) in its weekly loop — owned by the person who answers for most of the
 * unit's tasks, under their leader in charge, due ASSESS_FOLLOW_UP_DAYS on, naming the low
 * criteria and the comments (without names) — and a word to its owner. A unit with no task has
 * no one to own it: it is named for the office instead.
 */
export async function createFollowUps(db: Db, deps: RoundDeps, round: AssessmentRound, results: readonly TargetResult[], now: Date): Promise<{ created: string[]; missed: string[] }> {
  const { config, t } = deps;
  const created: string[] = [];
  const missed: string[] = [];
  if (config.assessFollowUpBelow <= 0) return { created, missed };
  const today = calendarDateIn(now, config.timezone);
  const due = addDays(today, config.assessFollowUpDays);
  for (const result of results) {
    const low = lowCriteria(result, config.assessFollowUpBelow);
    if (low.length === 0) continue;
    const responsible = await unitResponsible(db, result.unitId);
    if (!responsible) {
      missed.push(result.unit);
      continue;
    }
    const criteria = low.map((i) => t('assess.followUp.low', { criterion: round.criteria[i]!, score: scoreText(result.means![i]!) })).join('、');
    const comments = result.comments.join('；');
    const target = [t('assess.followUp.target', { criteria, threshold: config.assessFollowUpBelow }), comments && t('assess.followUp.comments', { comments: comments.slice(0, COMMENTS_CHARS) })].filter(Boolean).join('\n');
    const code = await freeTaskCode(db, `KH${round.id}-${String(created.length + missed.length + 1).padStart(2, '0')}`);
    const taskId = await createFollowUpTask(db, {
      code, title: t('assess.followUp.title', { round: round.name, unit: result.unit }), target, category: t('assess.followUp.category'),
      unitId: result.unitId, ownerId: responsible.ownerId, leaderId: responsible.leaderId, startDate: today, dueDate: due, roundId: round.id,
    }, now);
    await recordAudit(db, now, { actor: 'assessment', action: 'task.followUp', subject: code, detail: { round: round.name, unit: result.unit, criteria: low.map((i) => round.criteria[i]) } });
    if (responsible.ownerChat !== null) {
      const text = htmlTranslator(t)('assess.followUp.notice', { round: round.name, criteria, code, due });
      await enqueueMessages(db, [{ dedupeKey: `follow-up:${taskId}`, chatId: responsible.ownerChat, text, personId: responsible.ownerId, taskId }], now);
    }
    created.push(code);
  }
  return { created, missed };
}
