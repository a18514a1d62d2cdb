import { mkdtempSync, writeFileSync } from 'node:fs';
import { inTransaction } from '../src/db/transaction.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarDateIn } from '../src/domain/calendar-date.ts';
import { readTaskTableFile } from '../src/io/read-task-table.ts';
import { writeTableFile } from '../src/io/table-file.ts';
import { importTasks } from '../src/store/import-tasks.ts';
import { MONDAY, peakRssMb } from './measure-kit.ts';
import { freshDatabase } from './seed.ts';

/** Reading and importing a `rows`-row table from .csv or .xlsx into an empty database. */
export async function importTable({ rows, format }: { rows: number; format: 'csv' | 'xlsx' }) {
  const file = join(mkdtempSync(join(tmpdir(), 'duban-import-')), `table.${format}`);
  const columns = ['编号', '事项', '责任单位', '责任人', '分管领导', '开始时间', '完成时限', '时间节点', '目标', '类别', '位置', '公开'];
  const sheetRows = Array.from({ length: rows }, (_, i) => [
    `ZX-${String(i).padStart(5, '0')}`, `第${i}项：城中村改造与环境整治`, `单位${i % 80}`, `责任人${Math.floor(i / 2)}`, `领导${i % 20}`, '2025-01-01', '2025-12-31',
    '2025-03-31 完成入户调查；2025-06-30 启动首批', '完成12个城中村改造', '十件实事', '27.99,120.70', '是',
  ]);
  if (format === 'csv') writeFileSync(file, `\uFEFF${[columns, ...sheetRows].map((r) => r.join(',').replace(/(27\.99,120\.70)/, '"$1"')).join('\r\n')}`);
  else await writeTableFile(file, { name: '督办事项', columns: columns.map((header) => ({ header, kind: 'text' as const })), rows: sheetRows });
  const { db } = await freshDatabase();
  const start = performance.now();
  const table = await readTaskTableFile(file);
  if (!table.ok) throw new Error(JSON.stringify(table.problems.slice(0, 3)));
  await inTransaction(db, (trx) => importTasks(trx, table.rows, { now: MONDAY, today: calendarDateIn(MONDAY, 'Asia/Shanghai'), leadershipName: '区领导班子', actor: 'bench', source: file, withdrawUnlisted: false }));
  const seconds = (performance.now() - start) / 1000;
  await db.destroy();
  return { rows, format, seconds, perSecond: rows / seconds, peakRssMb: peakRssMb() };
}
