import type { InlineKeyboardButton } from 'telegraf/types';
import { encodeButton } from '../domain/callback-data.ts';
import { SCORE_MAX, SCORE_MIN } from '../domain/score-reply.ts';
import type { Translate } from '../i18n/translate.ts';
import { htmlTranslator, shorten } from './html.ts';

/** What a scoring card shows: the round, the unit to score, the criteria and when it closes. */
export interface CardModel {
  cardId: number;
  round: string;
  target: string;
  criteria: readonly string[];
  /** `截止 12-31`, or that the round has no date. */
  closes: string;
}

/** A criterion's name on its row's first button: short enough to leave the five scores room on a phone. */
const LABEL_CHARS = 4;

/**
 * A scoring card (评分卡): the unit to score, the criteria numbered, and a row per criterion — its
 * name, then 1 to 5. Replying to it with the scores in order does the same. It names no one.
 */
export function cardMessage(model: CardModel, translate: Translate): { text: string; keyboard: InlineKeyboardButton.CallbackButton[][] } {
  const t = htmlTranslator(translate);
  const example = [...model.criteria.map((_, i) => String(SCORE_MAX - (i % 3))), translate('assess.card.exampleComment')].join(' ');
  const text = [
    t('assess.card.head', { round: model.round, target: model.target }),
    ...model.criteria.map((criterion, i) => t('assess.card.criterion', { n: i + 1, criterion })),
    '',
    t('assess.card.how', { example }),
    t('assess.card.anonymous', { closes: model.closes }),
  ].join('\n');
  const keyboard = model.criteria.map((criterion, i) => [
    { text: shorten(criterion, LABEL_CHARS), callback_data: encodeButton({ kind: 'score', cardId: model.cardId, criterion: i, score: 0 }) },
    ...Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, k) => ({ text: String(SCORE_MIN + k), callback_data: encodeButton({ kind: 'score', cardId: model.cardId, criterion: i, score: SCORE_MIN + k }) })),
  ]);
  return { text, keyboard };
}

/** `服务态度 5 · 办事效率 4 · 问题解决 –`: a card's scores so far. */
export function scoresText(translate: Translate, criteria: readonly string[], scores: readonly (number | null)[]): string {
  return criteria.map((criterion, i) => translate('assess.scores', { criterion, score: scores[i] ?? '–' })).join(translate('assess.scoresSeparator'));
}
