import { calendarDateIn } from '../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../src/domain/cycle-week.ts';
import { buildDigest } from '../src/domain/digest.ts';
import { milestonesThatMatterUntil } from '../src/domain/status.ts';
import { translator } from '../src/i18n/translate.ts';
import { digestMessages } from '../src/render/digest-message.ts';
import { latestOpenedCycle } from '../src/store/cycles.ts';
import { digestTasks } from '../src/store/weekly.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
const t = translator('zh-CN');
const MONDAY = new Date('2025-12-22T01:00:00Z');
const n = Number(process.argv[2]);
const { db, path } = await freshDatabase();
seedDistrict(path, n, 52, MONDAY);
const cycle = (await latestOpenedCycle(db))!;
const now = new Date(MONDAY.getTime() + 4 * 86_400_000 + 8 * 3600_000);
for (let i = 0; i < 6; i++) {
  const a = performance.now();
  const today = calendarDateIn(now, 'Asia/Shanghai');
  const tasks = await digestTasks(db, cycle, milestonesThatMatterUntil(today));
  const b = performance.now();
  const model = buildDigest({ week: cycleWeekOf(now, 'Asia/Shanghai'), today, tasks });
  const c = performance.now();
  const parts = digestMessages(model, t);
  const d = performance.now();
  console.log(`read ${(b - a).toFixed(1)} build ${(c - b).toFixed(1)} render ${(d - c).toFixed(1)} parts ${parts.length} chars ${parts.join('').length} attention ${JSON.stringify(Object.keys(model))}`);
}
