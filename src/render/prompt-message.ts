import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { encodeButton } from '../domain/callback-data.ts';
import type { CycleWeek } from '../domain/cycle-week.ts';
import type { Translate } from '../i18n/translate.ts';
import { Html, htmlTranslator, shorten, type HtmlTranslate } from './html.ts';
import { weekLabel } from './week-label.ts';

/** What the weekly prompt for one task shows. */
export interface PromptModel {
  week: CycleWeek;
  taskId: number;
  code: string;
  title: string;
  /** null: a standing task (长期坚持), with no due date. */
  due: CalendarDate | null;
  /** Days from today to the due date; negative once past it. */
  dueInDays: number | null;
  /** The earliest milestone not done: shown with a button that marks it done. */
  nextMilestone: { id: number; date: CalendarDate; description: string; days: number } | null;
  last: { percent: number; note: string | null } | null;
  /** Leaders' instructions given since the last answer. */
  instructions?: readonly { authorName: string; text: string }[];
  /** The responsible person on leave, when a deputy is asked in their place (代报). */
  standInFor?: string;
}

export const PROGRESS_STEPS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const;


export function whenText(t: HtmlTranslate, days: number): string {
  return days === 0 ? t('when.today') : days > 0 ? t('when.inDays', { days }) : t('when.daysAgo', { days: -days });
}

/** Marks the milestone done from the prompt; its words shortened to fit a phone's button. */
function milestoneButton(milestone: NonNullable<PromptModel['nextMilestone']>, translate: Translate) {
  return { text: translate('button.milestoneDone', { date: milestone.date.slice(5), description: shorten(milestone.description, 14) }), callback_data: encodeButton({ kind: 'milestoneDone', milestoneId: milestone.id }) };
}

/** The prompt (催报) for one task: its facts, last week's answer, and the progress buttons. */
export function promptMessage(model: PromptModel, translate: Translate): { text: string; reply_markup: InlineKeyboardMarkup } {
  const t = htmlTranslator(translate);
  const lines = [
    t('prompt.heading', { week: weekLabel(model.week, translate) }),
    ...(model.standInFor ? [t('prompt.standIn', { owner: model.standInFor })] : []),
    '',
    t('prompt.task', { code: model.code, title: model.title }),
    model.due === null || model.dueInDays === null ? t('prompt.standing') : t('prompt.due', { due: model.due, when: new Html(whenText(t, model.dueInDays)) }),
  ];
  if (model.nextMilestone) {
    const { date, description, days } = model.nextMilestone;
    lines.push(t('prompt.milestone', { date, description, when: new Html(whenText(t, days)) }));
  }
  if (model.last) lines.push(t('prompt.last', { percent: model.last.percent, note: model.last.note ? ` — ${shorten(model.last.note, 80)}` : '' }));
  for (const instruction of model.instructions ?? []) lines.push(t('prompt.instruction', { author: instruction.authorName, text: shorten(instruction.text, 200) }));
  lines.push('', t('prompt.howTo'));

  const button = (text: string, value: number | 'same' | 'blocked') => ({ text, callback_data: encodeButton({ kind: 'progress', taskId: model.taskId, value }) });
  return {
    text: lines.join('\n'),
    reply_markup: {
      inline_keyboard: [
        PROGRESS_STEPS.slice(0, 6).map((p) => button(`${p}%`, p)),
        PROGRESS_STEPS.slice(6).map((p) => button(`${p}%`, p)),
        [button(translate('button.same'), 'same'), button(translate('button.blocked'), 'blocked')],
        // Marking a milestone done stays the responsible person's.
        ...(model.nextMilestone && !model.standInFor ? [[milestoneButton(model.nextMilestone, translate)]] : []),
      ],
    },
  };
}
