import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase, type Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** A fresh, migrated database file of the kind duban runs on. */
export async function freshDatabase(): Promise<{ db: Db; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'duban-bench-')), 'duban.sqlite');
  const db = openDatabase(path);
  await migrateToLatest(db);
  return { db, path };
}

/**
 * Seeds, in bulk with prepared statements in one transaction: `tasks` tasks over 80 units, each
 * owner with two tasks and linked to a chat, 20 leaders, two milestones a task, and `weeks`
 * opened cycles with one check-in per task per cycle (the last week's for nine tasks in ten);
 * `weeks` 0 seeds no cycles and no check-ins.
 */
export function seedDistrict(path: string, tasks: number, weeks: number, lastMonday: Date): void {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const week = 7 * 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const first = lastMonday.getTime() - (weeks - 1) * week;
  db.transaction(() => {
    const unit = db.prepare("insert into units (name, kind, created_at) values (?, ?, ?)");
    const person = db.prepare('insert into people (name, unit_id, telegram_user_id, created_at) values (?, ?, ?, ?)');
    const task = db.prepare("insert into tasks (code, title, unit_id, leader_id, owner_id, start_date, due_date, is_public, status, created_at, updated_at) values (?, ?, ?, ?, ?, '2025-01-01', '2026-12-31', 1, 'open', ?, ?)");
    const milestone = db.prepare('insert into milestones (task_id, due_date, description) values (?, ?, ?)');
    const cycle = db.prepare('insert into cycles (week, starts_at, ends_at, opened_at, closed_at) values (?, ?, ?, ?, ?)');
    const checkIn = db.prepare("insert into check_ins (task_id, cycle_id, person_id, percent, note, blocked, evidence, late, reported_at, via) values (?, ?, ?, ?, ?, ?, '[]', 0, ?, 'button')");
    const created = at(first - week);
    const leadership = Number(unit.run('区领导班子', 'leadership', created).lastInsertRowid);
    const units = Array.from({ length: 80 }, (_, i) => Number(unit.run(`单位${i}`, 'unit', created).lastInsertRowid));
    const leaders = Array.from({ length: 20 }, (_, i) => Number(person.run(`领导${i}`, leadership, 900_000_000 + i, created).lastInsertRowid));
    const taskIds: { id: number; owner: number }[] = [];
    let owner = 0;
    for (let i = 0; i < tasks; i += 1) {
      if (i % 2 === 0) owner = Number(person.run(`责任人${i / 2}`, units[i % 80]!, 100_000_000 + i, created).lastInsertRowid);
      const id = Number(task.run(`T-${String(i).padStart(6, '0')}`, `第${i}项督办事项`, units[i % 80]!, leaders[i % 20]!, owner, created, created).lastInsertRowid);
      milestone.run(id, '2026-03-31', '阶段目标一');
      milestone.run(id, '2026-09-30', '阶段目标二');
      taskIds.push({ id, owner });
    }
    for (let w = 0; w < weeks; w += 1) {
      const start = first + w * week;
      const cycleId = Number(cycle.run(`W${w}`, at(start - 8 * 3600_000), at(start + week - 8 * 3600_000), at(start + 3600_000), at(start + 4 * 86_400_000)).lastInsertRowid);
      const reportedAt = at(start + 86_400_000);
      for (const [n, { id, owner: ownerId }] of taskIds.entries()) {
        if (w === weeks - 1 && n % 10 === 0) continue;
        checkIn.run(id, cycleId, ownerId, Math.min(100, Math.round((100 * (w + 1)) / 104) + (n % 30)), n % 7 === 0 ? '进展顺利，完成阶段工作' : null, n % 53 === 0 ? 1 : 0, reportedAt);
      }
    }
    // As recordAnswer does one at a time: each task points at its latest check-in.
    db.exec('update tasks set latest_check_in_id = (select max(id) from check_ins where check_ins.task_id = tasks.id)');
  })();
  db.close();
}
