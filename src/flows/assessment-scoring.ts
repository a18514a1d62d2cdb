import { isFinished } from '../domain/assessment-results.ts';
import { parseScoreReply, isScore } from '../domain/score-reply.ts';
import { suggest } from '../domain/suggest.ts';
import { closesText } from '../render/assessment-words.ts';
import { scoresText } from '../render/assessment-card.ts';
import { cardById, cardsOfRater, saveCard, type StoredCard } from '../store/assessment-cards.ts';
import { openRounds, roundById, type AssessmentRound } from '../store/assessment-rounds.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { clockOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

type Refusal = 'notRater' | 'closed' | 'ownUnit' | 'stale';

/** The card and its round if the speaker may score it now; else why not. */
async function scorableCard(turn: Turn, cardId: number): Promise<{ card: StoredCard; round: AssessmentRound } | { refused: Refusal; round?: AssessmentRound }> {
  const card = await cardById(turn.tx, cardId);
  if (!card || card.personId !== turn.speaker.person?.id) return { refused: 'notRater' };
  const round = (await roundById(turn.tx, card.roundId))!;
  if (round.closedAt !== null) return { refused: 'closed', round };
  // Cards are never made for a rater's own unit; a rater who has since moved there may not score it.
  if (card.target === turn.speaker.person.unit) return { refused: 'ownUnit', round };
  return { card, round };
}

/** Why a score is refused, in `t`'s words: Telegram HTML for a message, plain `deps.t` for a button's alert (which shows no HTML). */
function refusalText(deps: FlowDeps, turn: Turn, t: (key: MessageKey, params?: Record<string, string>) => string, refusal: Refusal, round?: AssessmentRound): string {
  if (refusal === 'closed') return t('assess.error.closed', { round: round!.name, on: clockOf(deps, turn).local(round!.closedAt!) });
  return t(`assess.error.${refusal}`);
}

/** Saves a card's new scores and says so: done, changed, and how many of the round are left. */
async function saveAndConfirm(deps: FlowDeps, turn: Turn, card: StoredCard, round: AssessmentRound, scores: (number | null)[], comment: string | null): Promise<void> {
  const t = wordsOf(deps);
  const wasDone = isFinished(card.scores);
  await saveCard(turn.tx, card.id, scores, comment, turn.now);
  if (!isFinished(scores)) return;
  const lines = [t(wasDone ? 'assess.changed' : 'assess.done', { target: card.target, scores: scoresText(deps.t, round.criteria, scores) })];
  if (comment) lines.push(t('assess.comment', { comment }));
  const cards = await cardsOfRater(turn.tx, round.id, card.personId);
  const left = cards.filter((other) => other.id !== card.id && !isFinished(other.scores)).length;
  lines.push(left > 0 ? t('assess.left', { left }) : t('assess.allDone', { total: cards.length }));
  await turn.replies.say(lines.join('\n'));
}

/** A score button on a card: the criterion takes that score (its name button says how). */
export async function scoreTapped(deps: FlowDeps, turn: Turn, action: { cardId: number; criterion: number; score: number }): Promise<void> {
  const found = await scorableCard(turn, action.cardId);
  if ('refused' in found) return turn.replies.answerButton(refusalText(deps, turn, deps.t, found.refused, found.round), { alert: true });
  const { card, round } = found;
  const criterion = round.criteria[action.criterion];
  if (criterion === undefined) return turn.replies.answerButton(refusalText(deps, turn, deps.t, 'stale'), { alert: true });
  if (action.score === 0) return turn.replies.answerButton(deps.t('assess.tap.hint', { criterion }));
  if (!isScore(action.score)) return turn.replies.answerButton(deps.t('assess.error.outOfRange', { value: action.score }), { alert: true });
  const scores = card.scores.map((score, i) => (i === action.criterion ? action.score : score));
  await turn.replies.answerButton(deps.t('assess.tap.recorded', { criterion, score: action.score }));
  await saveAndConfirm(deps, turn, card, round, scores, card.comment);
}

/** Scores written out, in the criteria's order, then a comment; a comment alone keeps the scores. */
async function scoreByText(deps: FlowDeps, turn: Turn, card: StoredCard, round: AssessmentRound, text: string): Promise<void> {
  const t = wordsOf(deps);
  const reply = parseScoreReply(text, round.criteria.length);
  if (!reply.ok) {
    if (reply.problem === 'outOfRange') return turn.replies.say(t('assess.error.outOfRange', { value: reply.bad! }));
    return turn.replies.say(t('assess.error.tooFew', { count: round.criteria.length, criteria: round.criteria.join('、'), found: reply.found }));
  }
  if (reply.scores === null && reply.comment === null) return turn.replies.say(t('assess.score.usage'));
  if (reply.scores === null) {
    await saveCard(turn.tx, card.id, card.scores, reply.comment, turn.now);
    const saved = t('assess.commentSaved', { target: card.target });
    return turn.replies.say(isFinished(card.scores) ? saved : `${saved}\n${t('assess.scoresMissing')}`);
  }
  await saveAndConfirm(deps, turn, card, round, reply.scores, reply.comment ?? card.comment);
}

/** A reply to a scoring card: `5 4 3 窗口服务有改进`. */
export async function scoreByReply(deps: FlowDeps, turn: Turn, input: { cardId: number; text: string }): Promise<void> {
  const found = await scorableCard(turn, input.cardId);
  if ('refused' in found) return turn.replies.say(refusalText(deps, turn, wordsOf(deps), found.refused, found.round));
  await scoreByText(deps, turn, found.card, found.round, input.text);
}

/**
 * `/score`: where the speaker stands in each open round; `/score UNIT 5 4 3 意见` scores that unit
 * without the card (a card lost, a phone without buttons).
 */
export async function scoreByCommand(deps: FlowDeps, turn: Turn, input: { payload: string }): Promise<void> {
  const t = wordsOf(deps);
  const person = turn.speaker.person!;
  const rounds = await openRounds(turn.tx);
  const mine = (await Promise.all(rounds.map(async (round) => ({ round, cards: await cardsOfRater(turn.tx, round.id, person.id) })))).filter((entry) => entry.cards.length > 0);
  const [, name = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(input.payload.trim()) ?? [];
  if (name === '') {
    if (mine.length === 0) return turn.replies.say(t('assess.score.none'));
    const lines = mine.map(({ round, cards }) => t('assess.score.progress', { round: round.name, done: cards.filter((card) => isFinished(card.scores)).length, total: cards.length, closes: closesText(deps.t, round) }));
    return turn.replies.say([...lines, t('assess.score.usage')].join('\n'));
  }
  if (mine.length === 0) return turn.replies.say(t('assess.error.notRater'));
  const same = (a: string, b: string) => a.normalize('NFKC').toUpperCase() === b.normalize('NFKC').toUpperCase();
  if (same(name, person.unit)) return turn.replies.say(t('assess.error.ownUnit'));
  const matching = mine.flatMap(({ round, cards }) => cards.filter((card) => same(card.target, name)).map((card) => ({ round, card })));
  if (matching.length > 1) return turn.replies.say(t('assess.score.severalRounds', { name }));
  if (matching.length === 0) {
    const known = [...new Set(mine.flatMap(({ cards }) => cards.map((card) => card.target)))];
    const names = suggest(name, known);
    return turn.replies.say(t('assess.score.unknownTarget', { name, suggestions: names.length > 0 ? deps.t('suggest.didYouMean', { names: names.join('、') }) : '' }));
  }
  await scoreByText(deps, turn, matching[0]!.card, matching[0]!.round, rest);
}
