import { calendarDateIn } from '../domain/calendar-date.ts';
import { formatLocation } from '../domain/location.ts';
import { formatMilestones } from '../domain/milestone.ts';
import type { Light, TaskStatus } from '../domain/status.ts';
import { reportColumns, taskColumns, type HeaderLanguage, type ReportField, type TaskField } from '../domain/table-columns.ts';
import type { Translate } from '../i18n/translate.ts';
import type { TaskRecord } from '../store/export-tasks.ts';
import type { Sheet, SheetColumn, SheetValue } from './sheet.ts';
import { unitTypeWord } from '../render/assessment-words.ts';
import { extensionTrail } from '../render/extension-trail.ts';
import { reasonWords, reportWords } from './task-words.ts';

type Field = TaskField | ReportField;

/**
 * The printed columns, in order, with their widths in column units (a CJK character at 10.5 pt
 * takes 2): 141 units, 740 pt in Excel, 783 pt in LibreOffice, within A4 landscape's 799 pt, so
 * that the body prints at 100% (see printable-table.ts). 目标 and 类别 would not fit as well; they
 * come next, outside the print area, with the admin columns and the machine's.
 */
const printedColumns: [Field, SheetColumn['kind'], number][] = [
  ['number', 'number', 5], ['code', 'text', 9], ['title', 'longText', 18], ['unit', 'longText', 10], ['owner', 'longText', 7],
  ['leader', 'text', 9], ['due', 'date', 12], ['milestones', 'longText', 21], ['light', 'text', 9], ['reasons', 'longText', 17],
  ['report', 'longText', 24],
];
const otherColumns: [Field, SheetColumn['kind']][] = [
  ['coUnits', 'longText'], ['target', 'longText'], ['category', 'text'], ['unitType', 'text'], ['location', 'text'], ['public', 'text'], ['start', 'date'],
  ['status', 'text'], ['progress', 'number'], ['lastReport', 'date'], ['extensions', 'longText'],
];
const headerOf = new Map<Field, { zh: string; en: string }>([...taskColumns, ...reportColumns].map((column) => [column.field, column]));

/** The lights' colours (DESIGN.md "Status rules"). */
const lightColour: Record<Light, string> = { red: 'FFE5484D', yellow: 'FFF5C518', green: 'FF2DA44E', done: 'FFB0B7C3' };

export interface TaskSheetOptions {
  language: HeaderLanguage;
  t: Translate;
  timeZone: string;
  /** Each task's light by code; without them (no cycle opened yet) the light columns stay empty. */
  statuses?: ReadonlyMap<string, TaskStatus>;
  /** The title over the printed table, e.g. 「督办事项进展情况表 · 第24周（6月8日—14日）」. */
  title?: string;
}

/**
 * The one table as a sheet an office prints and imports back: 序号, the import columns, each
 * task's light (coloured) with its reasons, and its latest report in words; then, outside the
 * print area, 目标 and 类别, the admin columns and status, progress and the last report. Headers
 * are in the export's language, so that the file imports back.
 */
export function taskSheet(tasks: readonly TaskRecord[], options: TaskSheetOptions): Sheet {
  const { language, t, timeZone, statuses } = options;
  const values = (task: TaskRecord, index: number): Record<Field, SheetValue> => {
    const status = statuses?.get(task.code);
    return {
      number: index + 1,
      code: task.code,
      title: task.title,
      unit: task.unit,
      coUnits: task.coUnits.join('、') || null,
      // Several people in one cell, as the office wrote them: the importer splits them again.
      owner: [task.owner, ...task.coOwners].join('、'),
      leader: [task.leader, ...task.coLeaders].join('、'),
      due: task.due ?? t('table.standing'),
      start: task.start,
      // One milestone a line: a printed list reads better than a run; the importer splits at new lines too.
      milestones: formatMilestones(task.milestones, '\n', (on) => t('table.milestoneDone', { on })),
      target: task.target,
      category: task.category,
      unitType: task.unitType && unitTypeWord(t, task.unitType),
      location: task.location && formatLocation(task.location),
      public: t(task.isPublic ? 'table.public.yes' : 'table.public.no'),
      light: status ? t(`table.light.${status.light}`) : null,
      reasons: (status && reasonWords(status, t)) || null,
      report: reportWords(task, t, timeZone),
      status: t(task.status === 'done' ? 'table.status.done' : 'table.status.open'),
      progress: task.progress,
      lastReport: task.lastReportAt && calendarDateIn(new Date(task.lastReportAt), timeZone),
      extensions: extensionTrail(t, task.extensions, { requester: (request) => request.requester, decider: (request) => request.decidedBy ?? '', local: (instant) => calendarDateIn(new Date(instant), timeZone) }).join('\n') || null,
    };
  };
  const columns = [...printedColumns, ...otherColumns];
  const lightColumn = columns.findIndex(([field]) => field === 'light');
  const lights = tasks.map((task) => statuses?.get(task.code)?.light);
  return {
    name: t('table.sheetName'),
    title: options.title,
    footer: t('table.pageFooter'),
    columns: columns.map(([field, kind, width]) => ({ header: headerOf.get(field)![language], kind, width })),
    printed: printedColumns.length,
    rows: tasks.map((task, index) => {
      const row = values(task, index);
      return columns.map(([field]) => row[field]);
    }),
    fill: (row, column) => (column === lightColumn && lights[row] ? lightColour[lights[row]] : undefined),
  };
}
