import type { TaskStatus } from '../domain/status.ts';
import type { HeaderLanguage } from '../domain/table-columns.ts';
import type { Translate } from '../i18n/translate.ts';
import { weekLabel, type WeekDays } from '../render/week-label.ts';
import type { TaskRecord } from '../store/export-tasks.ts';
import { writeXlsxTable } from './printable-table.ts';
import { taskSheet } from './task-sheet.ts';

/**
 * The full table as attached to the digest, printable: titled with the week
 * (「督办事项进展情况表 · 第24周（6月8日—14日）」), each task's light coloured with its reasons in
 * words and its latest report; the one table's columns are all there, so that it imports back.
 */
export async function digestWorkbook(
  tasks: readonly TaskRecord[],
  statuses: ReadonlyMap<string, TaskStatus>,
  options: { t: Translate; language: HeaderLanguage; timeZone: string; week: WeekDays },
): Promise<Buffer> {
  const { t, week } = options;
  return writeXlsxTable(taskSheet(tasks, { ...options, statuses, title: t('table.title', { when: weekLabel(week, t) }) }));
}
