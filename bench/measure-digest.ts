import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { calendarDateIn } from '../src/domain/calendar-date.ts';
import { cycleWeekOf } from '../src/domain/cycle-week.ts';
import { DigestBuilder } from '../src/domain/digest-builder.ts';
import { digestMessages, onTrackLinesWithin } from '../src/render/digest-message.ts';
import { latestOpenedCycle } from '../src/store/cycles.ts';
import { digestTasks } from '../src/store/weekly.ts';
import { MONDAY, peakRssMb, t } from './measure-kit.ts';
import { freshDatabase, seedDistrict } from './seed.ts';
import { freshPostgresDatabase, seedDistrictPostgres } from './seed-postgres.ts';

/** The group digest's budget in messages, as the settings have it by default. */
const DIGEST_BUDGET = loadConfig({}).digestMaxMessages;

/** A district of `tasks` tasks with `weeks` weeks of answers, in a file of its own for `digest` to read. */
export async function seedDigest({ tasks, weeks }: { tasks: number; weeks: number }) {
  const { db, path } = await freshDatabase();
  await db.destroy();
  const start = performance.now();
  seedDistrict(path, tasks, weeks, MONDAY);
  return { path, tasks, checkIns: tasks * weeks - Math.ceil(tasks / 10), seedSeconds: (performance.now() - start) / 1000 };
}

/**
 * The digest model and its text for the district seeded at `path`: warm first (the JIT, SQLite's
 * page cache), then the median of at least five runs and 700 ms. The median, not the fastest: the
 * growth figures divide one size's time by another's, and the fastest of the many runs a small
 * size fits in that time would favour it.
 */
export async function digest({ path }: { path: string }) {
  const db = openDatabase(path);
  const cycle = (await latestOpenedCycle(db))!;
  const now = new Date(MONDAY.getTime() + 4 * 86_400_000 + 8 * 3600_000);
  let parts = 0;
  const run = async () => {
    const start = performance.now();
    const today = calendarDateIn(now, 'Asia/Shanghai');
    const builder = new DigestBuilder({ week: cycleWeekOf(now, 'Asia/Shanghai'), today, onTrackListed: onTrackLinesWithin(DIGEST_BUDGET) });
    for await (const task of digestTasks(db, cycle, cycleWeekOf(now, 'Asia/Shanghai'))) builder.add(task);
    const model = builder.digest();
    parts = digestMessages(model, t, { budget: DIGEST_BUDGET }).length;
    return performance.now() - start;
  };
  const warming = performance.now();
  for (let i = 0; i < 2 || performance.now() - warming < 300; i += 1) await run();
  const runs: number[] = [];
  const measuring = performance.now();
  while (runs.length < 5 || performance.now() - measuring < 700) runs.push(await run());
  await db.destroy();
  return { ms: runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!, runs: runs.length, parts, peakRssMb: peakRssMb() };
}

/** `seedDigest` then `digest` in one process: the quick run's single round, without a second start-up. */
export async function seedAndDigest(options: { tasks: number; weeks: number }) {
  const seed = await seedDigest(options);
  return { ...seed, ...(await digest({ path: seed.path })) };
}

/** `seedAndDigest` on PostgreSQL (the bench's server), in a database made for it and dropped after. */
export async function seedAndDigestPostgres({ tasks, weeks }: { tasks: number; weeks: number }) {
  const { db, url, drop } = await freshPostgresDatabase();
  await db.destroy();
  try {
    const start = performance.now();
    await seedDistrictPostgres(url, tasks, weeks, MONDAY);
    const seedSeconds = (performance.now() - start) / 1000;
    return { tasks, checkIns: tasks * weeks - Math.ceil(tasks / 10), seedSeconds, ...(await digest({ path: url })) };
  } finally {
    await drop();
  }
}
