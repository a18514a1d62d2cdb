import type { Reach } from '../domain/digest.ts';
import type { Translate } from '../i18n/translate.ts';
import { reachNote } from './digest-message.ts';
import { Html, htmlTranslator } from './html.ts';
import { weekLabel, type WeekDays } from './week-label.ts';

/** The reminder (催办) to one person: every task of theirs still unanswered this cycle. */
export function reminderMessage(week: WeekDays, tasks: readonly { code: string; title: string }[], translate: Translate): string {
  const t = htmlTranslator(translate);
  return [t('remind.heading', { week: weekLabel(week, translate) }), ...tasks.map((task) => t('remind.task', task)), '', t('remind.howTo')].join('\n');
}

/** The escalation to a leader in charge: who under them has not answered this cycle. */
export function escalationMessage(
  week: WeekDays,
  tasks: readonly { code: string; title: string; unit: string; owner: string; ownerReach: Reach }[],
  translate: Translate,
): string {
  const t = htmlTranslator(translate);
  return [
    t('escalate.heading', { week: weekLabel(week, translate) }),
    ...tasks.map(({ ownerReach, ...task }) => t('escalate.task', { ...task, unlinked: new Html(reachNote(t, ownerReach)) })),
  ].join('\n');
}
