import type { Light, TaskStatus } from '../domain/status.ts';
import type { HeaderLanguage } from '../domain/table-columns.ts';
import type { Translate } from '../i18n/translate.ts';
import { reasonText } from '../render/digest-message.ts';
import { htmlTranslator } from '../render/html.ts';
import type { TaskRecord } from '../store/export-tasks.ts';
import { taskSheet } from './task-sheet.ts';
import { writeXlsxTable } from './xlsx-table.ts';

const lightColour: Record<Light, string> = { red: 'FFE5484D', yellow: 'FFF5C518', green: 'FF2DA44E', done: 'FFB0B7C3' };

/**
 * The full table as attached to the digest: the one table's columns (it imports back), then each
 * task's light, coloured, and the reasons for it in words.
 */
export async function digestWorkbook(
  tasks: readonly TaskRecord[],
  statuses: ReadonlyMap<string, TaskStatus>,
  options: { t: Translate; language: HeaderLanguage; timeZone: string },
): Promise<Buffer> {
  const { t } = options;
  const sheet = taskSheet(tasks, options);
  const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const lightColumn = sheet.columns.length;
  const lights = tasks.map((task) => statuses.get(task.code)?.light);
  return writeXlsxTable({
    ...sheet,
    columns: [...sheet.columns, { header: t('table.light'), kind: 'text' }, { header: t('table.reasons'), kind: 'longText' }],
    rows: sheet.rows.map((row, index) => {
      const status = statuses.get(tasks[index]!.code);
      const reasons = status ? status.reasons.map((reason) => plain(reasonText(htmlTranslator(t), reason))).join(t('reason.separator')) : '';
      return [...row, status ? t(`light.${status.light}`) : null, reasons || null];
    }),
    fill: (row, column) => (column === lightColumn && lights[row] ? lightColour[lights[row]!] : undefined),
  });
}
