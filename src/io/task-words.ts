import { calendarDateIn } from '../domain/calendar-date.ts';
import type { TaskStatus } from '../domain/status.ts';
import type { Translate } from '../i18n/translate.ts';
import { reasonText } from '../render/digest-message.ts';
import { htmlTranslator } from '../render/html.ts';
import type { TaskRecord } from '../store/export-tasks.ts';

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The reasons for a light, in words, one a line, as plain text (the digest's are Telegram HTML). */
export function reasonWords(status: TaskStatus, t: Translate): string {
  const html = htmlTranslator(t);
  return status.reasons.map((reason) => plain(reasonText(html, reason))).join('\n');
}

/**
 * The latest report in words, for the table's 进展情况: its percent (受阻 if blocked) and day (迟报
 * if late) on the first line, then the note, the problems and the next steps, each on its own.
 *
 * @example reportWords(task, t, 'Asia/Shanghai') // '进度 60%（受阻），2026-06-10 报送（迟报）\n完成签约120户\n问题：资金未到位'
 */
export function reportWords(task: TaskRecord, t: Translate, timeZone: string): string {
  const { latest } = task;
  if (latest === null || task.lastReportAt === null) return t('table.report.none');
  const progress = task.progress === null ? null : t('table.report.progress', { percent: task.progress }) + (latest.blocked ? t('table.report.blocked') : '');
  const reported = t('table.report.reported', { date: calendarDateIn(new Date(task.lastReportAt), timeZone) }) + (latest.late ? t('table.report.late') : '');
  return [
    [progress, reported].filter((part) => part !== null).join(t('table.report.separator')),
    latest.note,
    latest.problems && t('table.report.problems', { text: latest.problems }),
    latest.nextSteps && t('table.report.nextSteps', { text: latest.nextSteps }),
  ]
    .filter((line) => line)
    .join('\n');
}
