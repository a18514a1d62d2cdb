import type { CalendarDate } from '../domain/calendar-date.ts';
import { daysLate } from '../domain/milestone-mark.ts';
import type { HtmlTranslate } from './html.ts';

/**
 * How a milestone was done against its date, in words: 「（逾期 9 天完成）」, 「（提前 3 天完成）」,
 * 「（按期完成）」.
 */
export function latenessText(t: HtmlTranslate, due: CalendarDate, doneOn: CalendarDate): string {
  const late = daysLate(due, doneOn);
  return late > 0 ? t('milestone.late', { days: late }) : late < 0 ? t('milestone.early', { days: -late }) : t('milestone.onTime');
}
