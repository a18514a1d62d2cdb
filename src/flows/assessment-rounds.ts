import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { splitCriteria, type AssessCommand } from '../domain/assess-command.ts';
import { assessmentResults, type TargetResult } from '../domain/assessment-results.ts';
import { calendarDateIn, parseCalendarDate } from '../domain/calendar-date.ts';
import { suggest } from '../domain/suggest.ts';
import { unitTypeOf } from '../domain/unit-type.ts';
import type { Translate } from '../i18n/translate.ts';
import { assessmentChartPng } from '../render/assessment-chart.ts';
import { cardMessage } from '../render/assessment-card.ts';
import { resultsLines } from '../render/assessment-results.ts';
import { closesText, unitTypeWord } from '../render/assessment-words.ts';
import { escapeHtml, packMessages } from '../render/html.ts';
import { roundResultsSheet } from '../io/assessment-sheet.ts';
import { writeXlsxTable } from '../io/printable-table.ts';
import { recordAudit } from '../store/audit-log.ts';
import { createCards, scoreCardsOfRound, targetsOfRound } from '../store/assessment-cards.ts';
import { linkedPeopleOfUnits } from '../store/people.ts';
import { saveResults, storedResults } from '../store/assessment-results.ts';
import { createRound, markRoundClosed, roundByName, roundNames, type AssessmentRound } from '../store/assessment-rounds.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { unitsOfType } from '../store/units.ts';
import { createFollowUps } from './assessment-follow-up.ts';

/** What the round flows need: the settings and the words; the command line and the chat both have them. */
export interface RoundDeps {
  config: Config;
  t: Translate;
}

/** What a round command did, in plain lines for whoever asked (the command line prints them; the chat escapes them). */
export interface RoundOutcome {
  ok: boolean;
  lines: string[];
}

const refused = (line: string): RoundOutcome => ({ ok: false, lines: [line] });

/** At most five criteria: a card is a row of buttons each, and a phone shows five rows at a glance. */
const MOST_CRITERIA = 5;
const CRITERION_CHARS = 12;

function criteriaProblem(criteria: readonly string[]): boolean {
  return criteria.length === 0 || criteria.length > MOST_CRITERIA || new Set(criteria).size !== criteria.length || criteria.some((name) => [...name].length > CRITERION_CHARS);
}

async function unknownRound(db: Db, t: Translate, name: string): Promise<RoundOutcome> {
  const names = suggest(name, await roundNames(db));
  return refused(t('assess.problem.unknownRound', { name, suggestions: names.length > 0 ? t('suggest.didYouMean', { names: names.join('、') }) : '' }));
}

/**
 * Opens a round: a card for every linked person of every rater unit, one per target unit (never
 * their own), sent privately through the outbox like every message. Refused, writing nothing, if
 * a type is unknown, the name is taken, the criteria or the date are wrong, or there is no one
 * to score or be scored.
 */
export async function openRound(db: Db, deps: RoundDeps, command: Extract<AssessCommand, { action: 'open' }>, context: { actor: string; now: Date }): Promise<RoundOutcome> {
  const { config, t } = deps;
  const raterType = unitTypeOf(command.raters);
  if (!raterType) return refused(t('assess.problem.unknownType', { value: command.raters }));
  const targetType = unitTypeOf(command.targets);
  if (!targetType) return refused(t('assess.problem.unknownType', { value: command.targets }));
  const criteria = command.criteria ?? splitCriteria(t('assess.defaultCriteria'));
  if (criteriaProblem(criteria)) return refused(t('assess.problem.criteria', { criteria: criteria.join('、') || '—' }));
  const today = calendarDateIn(context.now, config.timezone);
  let closesOn: string | null = null;
  if (command.closes !== undefined) {
    const parsed = parseCalendarDate(command.closes);
    if (!parsed.ok) return refused(t('assess.problem.closes', { value: command.closes }));
    if (parsed.value < today) return refused(t('assess.problem.closesPast', { date: parsed.value }));
    closesOn = parsed.value;
  }
  if (await roundByName(db, command.name)) return refused(t('assess.problem.nameTaken', { name: command.name }));
  const targets = await unitsOfType(db, targetType);
  if (targets.length === 0) return refused(t('assess.problem.noTargets', { type: unitTypeWord(t, targetType) }));
  const raters = (await linkedPeopleOfUnits(db, (await unitsOfType(db, raterType)).map((unit) => unit.unitId))).sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || a.id - b.id);
  const cards = raters.flatMap((rater) => targets.filter((target) => target.unitId !== rater.unitId).map((target) => ({ rater, target })));
  if (cards.length === 0) return refused(t('assess.problem.noRaters', { type: unitTypeWord(t, raterType) }));

  const round = await createRound(db, { name: command.name, raterType, targetType, criteria, openedAt: context.now.toISOString(), openedBy: context.actor, closesOn });
  const ids = await createCards(db, round.id, cards.map(({ rater, target }) => ({ personId: rater.id, raterUnitId: rater.unitId, targetUnitId: target.unitId })), criteria.length);
  const closes = closesText(t, round);
  const messages: OutgoingMessage[] = cards.map(({ rater, target }, i) => {
    const card = cardMessage({ cardId: ids[i]!, round: round.name, target: target.unit, criteria, closes }, t);
    return { dedupeKey: `card:${ids[i]}`, chatId: rater.chatId, text: card.text, replyMarkup: { inline_keyboard: card.keyboard }, personId: rater.id, link: { purpose: 'scoreCard', refId: ids[i]! } };
  });
  await enqueueMessages(db, messages, context.now);
  await recordAudit(db, context.now, { actor: context.actor, action: 'assess.open', subject: round.name, detail: { raterType, targetType, criteria, closesOn, cards: cards.length } });
  const raterUnits = new Set(cards.map(({ rater }) => rater.unitId)).size;
  const people = new Set(cards.map(({ rater }) => rater.id)).size;
  return {
    ok: true,
    lines: [t('assess.opened', { name: round.name, raterUnits, raters: unitTypeWord(t, raterType), people, targets: targets.length, targetType: unitTypeWord(t, targetType), cards: cards.length, criteria: criteria.join('、'), closes })],
  };
}

/** A round's results as its cards stand. */
async function resultsOfCards(db: Db, config: Config, round: AssessmentRound): Promise<TargetResult[]> {
  return assessmentResults({ criteria: round.criteria.length, minRaterUnits: config.assessMinRaters, targets: await targetsOfRound(db, round.id), cards: await scoreCardsOfRound(db, round.id) });
}

/** A round's results now: as kept at its close, or (while open) as the cards stand, provisionally. */
async function currentResults(db: Db, config: Config, round: AssessmentRound): Promise<TargetResult[]> {
  return round.closedAt !== null ? storedResults(db, round.id) : resultsOfCards(db, config, round);
}

function stateOf(deps: RoundDeps, round: AssessmentRound, now: Date): string {
  const local = (instant: Date) => `${calendarDateIn(instant, deps.config.timezone)}`;
  return round.closedAt !== null ? deps.t('assess.results.stateClosed', { on: local(new Date(round.closedAt)) }) : deps.t('assess.results.stateOpen', { now: local(now) });
}

/**
 * Closes a round, once: its results are computed and kept, a follow-up task is made for each
 * target low on a criterion, and the results go to the leadership group — the words, a chart and
 * a workbook. A second close (another process, a second command) does nothing.
 */
export async function closeRound(db: Db, deps: RoundDeps, round: AssessmentRound, context: { actor: string; now: Date }): Promise<RoundOutcome> {
  const { config, t } = deps;
  if (!(await markRoundClosed(db, round.id, context.now))) return refused(t('assess.problem.alreadyClosed', { name: round.name, on: calendarDateIn(new Date(round.closedAt ?? context.now), config.timezone) }));
  const closed = { ...round, closedAt: context.now.toISOString() };
  const results = await resultsOfCards(db, config, round);
  await saveResults(db, round.id, results);
  const followUps = await createFollowUps(db, deps, closed, results, context.now);
  const state = stateOf(deps, closed, context.now);
  const lines = resultsLines(t, closed, results, { minRaterUnits: config.assessMinRaters, state });
  const chatId = config.leadershipChatId;
  if (chatId !== undefined) {
    const key = `assess:${round.id}`;
    const texts = packMessages(lines.map(escapeHtml), '…', { overLong: 'split' });
    const chart = assessmentChartPng(results, t, { round: round.name, minRaterUnits: config.assessMinRaters, lowBelow: config.assessFollowUpBelow });
    const table = await writeXlsxTable(roundResultsSheet(t, closed, results, t('assess.results.title', { round: round.name, state })));
    await enqueueMessages(db, [
      ...texts.map((text, part) => ({ dedupeKey: `${key}:text:${part}`, chatId, text })),
      { dedupeKey: `${key}:chart`, chatId, text: escapeHtml(t('assess.results.chartTitle', { round: round.name })), file: { kind: 'photo', bytes: chart, name: `assessment-${round.id}.png` } },
      { dedupeKey: `${key}:table`, chatId, text: escapeHtml(t('assess.results.caption', { round: round.name })), file: { kind: 'document', bytes: table, name: t('assess.results.file', { round: round.name }) } },
    ], context.now);
  }
  await recordAudit(db, context.now, { actor: context.actor, action: 'assess.close', subject: round.name, detail: { followUps: followUps.created.length } });
  const ranked = results.filter((result) => result.overall !== null).length;
  return {
    ok: true,
    lines: [
      t('assess.closed', { name: round.name, ranked, few: results.length - ranked, followUps: followUps.created.length }),
      t(chatId === undefined ? 'assess.notSentToGroup' : 'assess.sentToGroup'),
      ...followUps.missed.map((unit) => t('assess.followUpMissed', { unit })),
    ],
  };
}

/** `assess results NAME`: the lines, or the JSON (no rater is named in either). */
export async function roundResults(db: Db, deps: RoundDeps, input: { name: string; json: boolean; now: Date }): Promise<RoundOutcome> {
  const round = await roundByName(db, input.name);
  if (!round) return unknownRound(db, deps.t, input.name);
  const results = await currentResults(db, deps.config, round);
  if (input.json) {
    const shown = { name: round.name, raterType: round.raterType, targetType: round.targetType, criteria: round.criteria, openedAt: round.openedAt, closesOn: round.closesOn, closedAt: round.closedAt };
    const targets = results.map((result) => ({ unit: result.unit, rank: result.rank, overall: result.overall, means: result.means, raterUnits: result.raterUnits, raters: result.raters, comments: result.comments }));
    return { ok: true, lines: [JSON.stringify({ round: shown, minRaterUnits: deps.config.assessMinRaters, results: targets }, null, 2)] };
  }
  return { ok: true, lines: resultsLines(deps.t, round, results, { minRaterUnits: deps.config.assessMinRaters, state: stateOf(deps, round, input.now) }) };
}

/** `assess close NAME`: closes the named round now. */
export async function closeRoundByName(db: Db, deps: RoundDeps, input: { name: string; actor: string; now: Date }): Promise<RoundOutcome> {
  const round = await roundByName(db, input.name);
  if (!round) return unknownRound(db, deps.t, input.name);
  return closeRound(db, deps, round, input);
}
