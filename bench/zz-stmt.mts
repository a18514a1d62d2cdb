import SQLite from 'better-sqlite3';
import { freshDatabase, seedDistrict } from './seed.ts';
const { db, path } = await freshDatabase();
seedDistrict(path, 8000, 0, new Date('2025-12-22T01:00:00Z'));
await db.destroy();
const s = new SQLite(path);
s.pragma('journal_mode = WAL'); s.pragma('synchronous = NORMAL'); s.pragma('foreign_keys = ON'); s.pragma('cache_size = -65536');
const time = (name: string, f: (i: number) => unknown, n = 4000) => { const t = performance.now(); for (let i = 0; i < n; i++) f(i); console.log(name.padEnd(30), ((performance.now() - t) * 1000 / n).toFixed(1), 'µs'); };
const payload = JSON.stringify({ text: '已记录 <b>T-000004</b> 第4项督办事项：进度 60%（上次 40%）。\n说明：完成签约120户\n\n如需更正，再发一次即可。', parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
const named = s.prepare(`insert into outbox (dedupe_key, chat_id, method, payload, attachment, attachment_name, person_id, task_id, cycle_id, created_at, priority)
       values (:dedupeKey, :chatId, :method, :payload, :attachment, :attachmentName, :personId, :taskId, :cycleId, :createdAt, :priority) on conflict (dedupe_key) do nothing`);
const pos = s.prepare(`insert into outbox (dedupe_key, chat_id, method, payload, attachment, attachment_name, person_id, task_id, cycle_id, created_at, priority)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing`);
s.exec("insert into cycles (week, starts_at, ends_at) values ('2025-W52', 'a', 'b')");
for (let round = 0; round < 3; round++) {
s.exec('begin');
time('outbox named', (i) => named.run({ dedupeKey: `reply:${round}a${i}:1`, chatId: 1000 + i, method: 'sendMessage', payload, attachment: null, attachmentName: null, personId: null, taskId: null, cycleId: null, createdAt: new Date().toISOString(), priority: 1 }));
time('outbox positional', (i) => pos.run(`reply:${round}b${i}:1`, 1000 + i, 'sendMessage', payload, null, null, null, null, null, new Date().toISOString(), 1));
time('outbox positional fk', (i) => pos.run(`reply:${round}c${i}:1`, 1000 + i, 'sendMessage', payload, null, null, 5, 7, 1, new Date().toISOString(), 1));
const ci = s.prepare(`insert into check_ins (task_id, cycle_id, person_id, percent, blocked, note, problems, next_steps, evidence, late, reported_at, via)
         values (:taskId, :cycleId, :personId, :percent, :blocked, :note, :problems, :nextSteps, :evidence, :late, :reportedAt, :via)`);
time('check_in named', (i) => ci.run({ taskId: (i * 7919) % 8000 + 1, cycleId: 1, personId: 5, percent: 60, blocked: 0, note: '完成签约120户', problems: null, nextSteps: null, evidence: '[]', late: 0, reportedAt: new Date().toISOString(), via: 'command' }));
const cip = s.prepare(`insert into check_ins (task_id, cycle_id, person_id, percent, blocked, note, problems, next_steps, evidence, late, reported_at, via)
         values (?,?,?,?,?,?,?,?,?,?,?,?)`);
time('check_in positional', (i) => cip.run((i * 7919) % 8000 + 1, 1, 5, 60, 0, '完成签约120户', null, null, '[]', 0, new Date().toISOString(), 'command'));
const c0 = performance.now(); s.exec('commit'); console.log('commit', (performance.now() - c0).toFixed(1), 'ms');
}
