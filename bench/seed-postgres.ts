import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** The PostgreSQL server the bench measures on: BENCH_DATABASE_URL, or the one every machine of ours has. */
export const benchServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the bench's PostgreSQL answers. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchServer, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchServer });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database on the bench's server; `drop` removes it. */
export async function freshPostgresDatabase(): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const name = `duban_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(benchServer);
  url.pathname = `/${name}`;
  const db = openDatabase(url.href);
  await migrateToLatest(db);
  return { db, url: url.href, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * `seedDistrict` (seed.ts) on PostgreSQL, the same rows set by set: `tasks` tasks over 80 units,
 * each owner with two tasks and linked, 20 leaders, two milestones a task, and `weeks` opened
 * cycles with one check-in per task per cycle (the last week's for nine tasks in ten).
 */
export async function seedDistrictPostgres(url: string, tasks: number, weeks: number, lastMonday: Date): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const week = 7 * 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const first = lastMonday.getTime() - (weeks - 1) * week;
  const created = at(first - week);
  try {
    await client.query('set synchronous_commit = off');
    await client.query('begin');
    await client.query("insert into units (id, name, kind, created_at) values (1, '区领导班子', 'leadership', $1)", [created]);
    await client.query("insert into units (id, name, kind, created_at) select 2 + i, '单位' || i, 'unit', $1 from generate_series(0, 79) i", [created]);
    await client.query("insert into people (id, name, unit_id, telegram_user_id, created_at) select 1 + i, '领导' || i, 1, 900000000 + i, $1 from generate_series(0, 19) i", [created]);
    await client.query("insert into people (id, name, unit_id, telegram_user_id, created_at) select 21 + j, '责任人' || j, 2 + ((2 * j) % 80), 100000000 + 2 * j, $1 from generate_series(0, $2::int / 2 - 1) j", [created, tasks]);
    await client.query(
      `insert into tasks (id, code, title, unit_id, leader_id, owner_id, start_date, due_date, is_public, status, created_at, updated_at)
       select 1 + i, 'T-' || lpad(i::text, 6, '0'), '第' || i || '项督办事项', 2 + (i % 80), 1 + (i % 20), 21 + i / 2, '2025-01-01', '2026-12-31', 1, 'open', $1, $1
       from generate_series(0, $2::int - 1) i`,
      [created, tasks],
    );
    await client.query("insert into milestones (task_id, due_date, description) select 1 + i, d.due, d.description from generate_series(0, $1::int - 1) i, (values ('2026-03-31', '阶段目标一'), ('2026-09-30', '阶段目标二')) d(due, description) order by i, d.due", [tasks]);
    for (let w = 0; w < weeks; w += 1) {
      const start = first + w * week;
      await client.query('insert into cycles (id, week, starts_at, ends_at, opened_at, closed_at) values ($1, $2, $3, $4, $5, $6)', [1 + w, `W${w}`, at(start - 8 * 3600_000), at(start + week - 8 * 3600_000), at(start + 3600_000), at(start + 4 * 86_400_000)]);
      await client.query(
        `insert into check_ins (task_id, cycle_id, person_id, percent, note, blocked, evidence, late, reported_at, via)
         select 1 + n, $1, 21 + n / 2, least(100, round(100.0 * $2 / 104) + n % 30), case when n % 7 = 0 then '进展顺利，完成阶段工作' end, case when n % 53 = 0 then 1 else 0 end, '[]', 0, $3, 'button'
         from generate_series(0, $4::int - 1) n where not ($5 and n % 10 = 0)`,
        [1 + w, w + 1, at(start + 86_400_000), tasks, w === weeks - 1],
      );
    }
    await client.query('update tasks set latest_check_in_id = latest.id from (select task_id, max(id) as id from check_ins group by task_id) latest where latest.task_id = tasks.id');
    for (const table of ['units', 'people', 'tasks', 'cycles']) await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
    await client.query('commit');
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
