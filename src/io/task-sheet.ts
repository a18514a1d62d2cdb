import { calendarDateIn } from '../domain/calendar-date.ts';
import { formatLocation } from '../domain/location.ts';
import { formatMilestones } from '../domain/milestone.ts';
import { reportColumns, taskColumns, type HeaderLanguage, type ReportField, type TaskField } from '../domain/table-columns.ts';
import type { Translate } from '../i18n/translate.ts';
import type { TaskRecord } from '../store/export-tasks.ts';
import type { Sheet, SheetColumn, SheetValue } from './sheet.ts';

const kinds: Record<TaskField | ReportField, SheetColumn['kind']> = {
  code: 'text', title: 'longText', unit: 'text', owner: 'text', leader: 'text', due: 'date', start: 'date',
  milestones: 'longText', target: 'longText', category: 'text', location: 'text', public: 'text',
  status: 'text', progress: 'number', lastReport: 'date',
};

/**
 * The one table as a sheet: the import columns in DESIGN.md's order, then status, progress and
 * the last report, with headers in the export's language, so that the file imports back.
 */
export function taskSheet(tasks: readonly TaskRecord[], options: { language: HeaderLanguage; t: Translate; timeZone: string }): Sheet {
  const { language, t, timeZone } = options;
  const values = (task: TaskRecord): Record<TaskField | ReportField, SheetValue> => ({
    code: task.code,
    title: task.title,
    unit: task.unit,
    owner: task.owner,
    leader: task.leader,
    due: task.due,
    start: task.start,
    milestones: formatMilestones(task.milestones, t('table.milestoneSeparator')),
    target: task.target,
    category: task.category,
    location: task.location && formatLocation(task.location),
    public: t(task.isPublic ? 'table.public.yes' : 'table.public.no'),
    status: t(task.status === 'done' ? 'table.status.done' : 'table.status.open'),
    progress: task.progress,
    lastReport: task.lastReportAt && calendarDateIn(new Date(task.lastReportAt), timeZone),
  });
  const columns = [...taskColumns, ...reportColumns];
  return {
    name: t('table.sheetName'),
    columns: columns.map((column) => ({ header: column[language], kind: kinds[column.field] })),
    rows: tasks.map((task) => {
      const row = values(task);
      return columns.map((column) => row[column.field]);
    }),
  };
}
