import type { Problem } from '../domain/problem.ts';
import { taskColumns, type HeaderLanguage } from '../domain/table-columns.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ImportSummary } from '../store/import-tasks.ts';

/** Where the summary is read: the terminal lists everything; a chat message must stay well inside 4,096 characters. */
export interface SummaryForm {
  language: HeaderLanguage;
  /** Tasks listed per kind (new, changed, …) before 「……另有 N 项」. */
  listed: number;
  /** What happens to tasks no longer listed: withdrawn on confirmation (chat), kept unless `--withdraw` (CLI). */
  unlisted: 'onConfirm' | 'withdrawFlag';
  /** The counts and what was withdrawn only: after a confirmed preview, which listed the rest. */
  brief?: boolean;
}

const headerOf = new Map(taskColumns.map((column) => [column.field, column]));

/** The first line of a refused table, naming its sheet where it came from a workbook. */
export function rejectionHeading(t: Translate, table: { problems: readonly Problem[]; sheet?: string }): string {
  return table.sheet ? t('import.rejectedSheet', { count: table.problems.length, sheet: table.sheet }) : t('import.rejected', { count: table.problems.length });
}

/**
 * An import's summary or preview in plain text, one line each: the counts, then the tasks by
 * what happens to them (new, changed with the columns that changed, reinstated, no longer
 * listed), the new units and people by name, and the reader's notes. Plain text: the chat
 * escapes it for HTML.
 */
export function importSummaryLines(summary: ImportSummary, notes: readonly Problem[], t: Translate, form: SummaryForm): string[] {
  const lines = [
    t('import.counts', {
      created: summary.created.length, updated: summary.updated.length, unchanged: summary.unchanged,
      unitsCreated: summary.newUnits.length, peopleCreated: summary.newPeople.length,
    }),
  ];
  if (form.brief) {
    if (summary.withdrawn) lines.push(t('import.unlisted.withdrawn', { count: summary.unlisted.length }));
    return lines;
  }
  const list = <T>(items: readonly T[], line: (item: T) => string) => {
    lines.push(...items.slice(0, form.listed).map(line));
    if (items.length > form.listed) lines.push(t('import.list.more', { count: items.length - form.listed }));
  };
  if (summary.created.length > 0) list(summary.created, (task) => t('import.list.created', { code: task.code, title: task.title, unit: task.unit }));
  if (summary.updated.length > 0) {
    list(summary.updated, (task) => t('import.list.updated', { code: task.code, title: task.title, changed: task.changed.map((field) => headerOf.get(field)?.[form.language] ?? field).join('、') }));
  }
  if (summary.reinstated.length > 0) list(summary.reinstated, (task) => t('import.list.reinstated', { code: task.code, title: task.title }));
  if (summary.unlisted.length > 0) {
    const head = summary.withdrawn ? 'import.unlisted.withdrawn' : form.unlisted === 'onConfirm' ? 'import.unlisted.onConfirm' : 'import.unlisted.withdrawFlag';
    lines.push(t(head, { count: summary.unlisted.length }));
    list(summary.unlisted, (task) => t('import.list.unlisted', { code: task.code, title: task.title, unit: task.unit }));
  }
  const names = (items: readonly string[]) => items.slice(0, form.listed * 2).join('、') + (items.length > form.listed * 2 ? t('import.names.more', { count: items.length - form.listed * 2 }) : '');
  if (summary.newUnits.length > 0) lines.push(t('import.newUnits', { names: names(summary.newUnits) }));
  if (summary.newPeople.length > 0) lines.push(t('import.newPeople', { names: names(summary.newPeople.map((p) => t('import.personInUnit', { name: p.name, unit: p.unit }))) }));
  lines.push(...notes.map((note) => describeProblem(t, note)));
  return lines;
}
