/**
 * The columns of the one table (一张表), as DESIGN.md defines them: each with its Chinese and
 * English header. Headers match in any order, case and width-insensitively.
 */
export const taskColumns = [
  { field: 'code', zh: '编号', en: 'code', required: true },
  { field: 'title', zh: '事项', en: 'title', required: true },
  { field: 'unit', zh: '责任单位', en: 'unit', required: true },
  { field: 'owner', zh: '责任人', en: 'owner', required: true },
  { field: 'leader', zh: '分管领导', en: 'leader', required: true },
  { field: 'due', zh: '完成时限', en: 'due', required: true },
  { field: 'start', zh: '开始时间', en: 'start', required: false },
  { field: 'milestones', zh: '时间节点', en: 'milestones', required: false },
  { field: 'target', zh: '目标', en: 'target', required: false },
  { field: 'category', zh: '类别', en: 'category', required: false },
  { field: 'location', zh: '位置', en: 'location', required: false },
  { field: 'public', zh: '公开', en: 'public', required: false },
] as const;

/**
 * Columns that export adds and import reads past, so that an exported file imports back: the
 * printed ones (序号, the light and its reasons, the latest report in words) and the machine's.
 */
export const reportColumns = [
  { field: 'number', zh: '序号', en: 'no.' },
  { field: 'light', zh: '红黄绿灯', en: 'light' },
  { field: 'reasons', zh: '原因', en: 'reasons' },
  { field: 'report', zh: '进展情况', en: 'progress notes' },
  { field: 'status', zh: '状态', en: 'status' },
  { field: 'progress', zh: '进度', en: 'progress' },
  { field: 'lastReport', zh: '最近报送', en: 'last report' },
] as const;

export type TaskField = (typeof taskColumns)[number]['field'];
export type ReportField = (typeof reportColumns)[number]['field'];
export type HeaderLanguage = 'zh' | 'en';

/** Folds case, full-width letters and inner spaces, so `Due`, `ＤＵＥ` and ` 完成 时限 ` all match. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const byHeader = new Map<string, TaskField | ReportField>(
  [...taskColumns, ...reportColumns].flatMap((column) => [
    [normalizeHeader(column.zh), column.field],
    [normalizeHeader(column.en), column.field],
  ]),
);

export function fieldOfHeader(header: string): TaskField | ReportField | undefined {
  return byHeader.get(normalizeHeader(header));
}

/** How many of the first rows may hold titles above the header row. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The index of the header row among a file's first rows: the first whose cells include at least
 * three known headers (a title row above it holds one text, merged or not). Without one, the
 * first row, so that its headers are reported as they are.
 */
export function headerRowIndex(rows: readonly (readonly unknown[])[]): number {
  const index = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((cells) => cells.filter((cell) => typeof cell === 'string' && fieldOfHeader(cell) !== undefined).length >= 3);
  return Math.max(index, 0);
}

export function isTaskField(field: TaskField | ReportField): field is TaskField {
  return taskColumns.some((column) => column.field === field);
}

export function knownHeaders(language: HeaderLanguage): string[] {
  return taskColumns.map((column) => column[language]);
}
