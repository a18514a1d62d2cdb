import type { Translate } from '../i18n/translate.ts';
import type { Sheet } from '../io/sheet.ts';
import type { BoardTask } from './board-model.ts';

/**
 * One public task as `/api/tasks.json` gives it. These names are an interface (README, "The
 * public board"): add, never rename. No person, no instruction, no evidence.
 */
export function publicTaskJson(task: BoardTask) {
  return {
    code: task.code,
    title: task.title,
    unit: task.unit,
    coUnits: task.coUnits,
    category: task.category,
    target: task.target,
    start: task.start,
    due: task.due,
    status: task.status,
    light: task.status === 'withdrawn' ? null : task.light,
    reasons: task.reasons,
    progress: task.progress,
    expected: task.expected,
    lastReport: task.lastReportOn,
    milestones: task.milestones.map((m) => ({ due: m.due, description: m.description, done: m.doneOn !== null, doneOn: m.doneOn })),
    location: task.location,
  };
}

/** `/tasks.csv`: the same fields as the JSON, one row a task, for Excel and WPS. */
export function publicTaskSheet(tasks: readonly BoardTask[], t: Translate): Sheet {
  const light = (task: BoardTask) => (task.status === 'withdrawn' ? t('board.withdrawn') : task.light ? t(`table.light.${task.light}`) : t('board.noLight'));
  return {
    name: t('board.title'),
    columns: [
      'code', 'title', 'unit', 'coUnits', 'category', 'target', 'start', 'due', 'light', 'reasons', 'progress', 'lastReport', 'milestones', 'lat', 'lng',
    ].map((header) => ({ header, kind: 'text' as const })),
    rows: tasks.map((task) => [
      task.code, task.title, task.unit, task.coUnits.join('、'), task.category, task.target, task.start, task.due ?? t('board.standing'), light(task),
      task.reasons.join('；'), task.progress, task.lastReportOn, task.milestones.map((m) => `${m.due} ${m.description}${m.doneOn ? ` ✅ ${m.doneOn}` : ''}`).join('\n'),
      task.location?.lat ?? null, task.location?.lng ?? null,
    ]),
  };
}
