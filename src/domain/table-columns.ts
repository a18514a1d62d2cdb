/**
 * The columns of the one table (一张表), as DESIGN.md defines them: each with its Chinese and
 * English header. Headers match in any order, case and width-insensitively.
 */
export const taskColumns = [
  { field: 'code', zh: '编号', en: 'code', required: true },
  { field: 'title', zh: '事项', en: 'title', required: true },
  { field: 'unit', zh: '责任单位', en: 'unit', required: true },
  { field: 'coUnits', zh: '配合单位', en: 'co-units', required: false },
  { field: 'owner', zh: '责任人', en: 'owner', required: true },
  { field: 'leader', zh: '分管领导', en: 'leader', required: true },
  { field: 'due', zh: '完成时限', en: 'due', required: true },
  { field: 'start', zh: '开始时间', en: 'start', required: false },
  { field: 'milestones', zh: '时间节点', en: 'milestones', required: false },
  { field: 'target', zh: '目标', en: 'target', required: false },
  { field: 'category', zh: '类别', en: 'category', required: false },
  { field: 'location', zh: '位置', en: 'location', required: false },
  { field: 'public', zh: '公开', en: 'public', required: false },
  { field: 'unitType', zh: '单位类型', en: 'unit type', required: false },
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
  { field: 'extensions', zh: '延期记录', en: 'extensions' },
] as const;

export type TaskField = (typeof taskColumns)[number]['field'];
export type ReportField = (typeof reportColumns)[number]['field'];
export type HeaderLanguage = 'zh' | 'en';

/** Folds case, full-width letters and inner spaces, so `Due`, `ＤＵＥ` and ` 完成 时限 ` all match. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The headers offices write for the same columns (DESIGN.md, "The one table"): a district's own
 * table says 牵头单位 for 责任单位, 完成时间 or 时限要求 for 完成时限, and so on.
 */
export const headerSynonyms: Readonly<Partial<Record<TaskField, readonly string[]>>> = {
  code: ['任务编号', '事项编号'],
  title: ['重点工作', '工作任务', '任务名称', '事项名称', '工作事项', '督办事项'],
  unit: ['牵头单位', '责任部门', '主办单位', '承办单位'],
  coUnits: ['协办单位', '配合部门', '参与单位'],
  owner: ['具体责任人', '经办人'],
  leader: ['责任领导', '分管区领导', '牵头领导', '分管区长'],
  due: ['完成时间', '时限要求', '完成期限', '截止时间', '办结时限'],
  start: ['开始日期', '启动时间'],
  milestones: ['推进节点', '节点安排'],
  target: ['工作目标', '目标任务'],
  category: ['分类'],
  unitType: ['单位类别', '单位性质', '类型'],
};

const byHeader = new Map<string, TaskField | ReportField>([
  ...[...taskColumns, ...reportColumns].flatMap((column) => [
    [normalizeHeader(column.zh), column.field] as const,
    [normalizeHeader(column.en), column.field] as const,
  ]),
  ...Object.entries(headerSynonyms).flatMap(([field, names]) => names.map((name) => [normalizeHeader(name), field as TaskField] as const)),
]);

export function fieldOfHeader(header: string): TaskField | ReportField | undefined {
  return byHeader.get(normalizeHeader(header));
}

/** Every header the one table knows for a task's columns, with the field each names. */
export const taskHeaders: readonly { header: string; field: TaskField }[] = [
  ...taskColumns.flatMap((column) => [{ header: column.zh, field: column.field }, { header: column.en, field: column.field }]),
  ...Object.entries(headerSynonyms).flatMap(([field, names]) => names.map((header) => ({ header, field: field as TaskField }))),
];

/** A column's letter as a spreadsheet shows it: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/** How many of the first rows may hold titles above the header row. */
const HEADER_SEARCH_ROWS = 10;

/** How many of a row's cells are headers of the one table: what tells a header row, and a task sheet. */
export function knownHeaderCount(cells: readonly unknown[]): number {
  return new Set(cells.filter((cell): cell is string => typeof cell === 'string').map(fieldOfHeader).filter((field) => field !== undefined)).size;
}

/**
 * The index of the header row among a file's first rows: the first whose cells include at least
 * three known headers (a title row above it holds one text, merged or not). Without one, the
 * first row, so that its headers are reported as they are.
 */
export function headerRowIndex(rows: readonly (readonly unknown[])[]): number {
  return Math.max(rows.slice(0, HEADER_SEARCH_ROWS).findIndex((cells) => knownHeaderCount(cells) >= 3), 0);
}

export function isTaskField(field: TaskField | ReportField): field is TaskField {
  return taskColumns.some((column) => column.field === field);
}

export function knownHeaders(language: HeaderLanguage): string[] {
  return taskColumns.map((column) => column[language]);
}
