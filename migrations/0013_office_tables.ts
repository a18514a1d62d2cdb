import { sql, type Kysely } from 'kysely';
import { portableSchema, type PortableSchema } from '../src/db/portable-schema.ts';

/**
 * Offices' own tables (issue 15):
 * - a standing task (长期坚持, 常态化) has no due date, so `due_date` may be null;
 * - a task no longer listed is withdrawn (撤销), never deleted: a third status, with when and why;
 * - a lead unit's co-units (配合单位) and the further people named in a cell (「张伟、李娜」);
 * - an import sent in the chat waits for the admin's Confirm as a pending import.
 *
 * SQLite cannot drop a NOT NULL or change a CHECK in place, so `tasks` is rebuilt the way its
 * documentation says (a new table, copied, renamed), with foreign keys off while the name moves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  if (p.postgres) await loosenTasksInPlace(db);
  else await rebuildTasks(db);
  await createOfficeTables(db, p);
}

/** PostgreSQL changes the column and the check where they stand. */
async function loosenTasksInPlace(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks alter column due_date drop not null`.execute(db);
  await sql`alter table tasks drop constraint tasks_status_check`.execute(db);
  await sql`alter table tasks add constraint tasks_status_check check (status in ('open', 'done', 'withdrawn'))`.execute(db);
  await db.schema.alterTable('tasks').addColumn('withdrawn_reason', 'text').execute();
}

async function rebuildTasks(db: Kysely<any>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`create table "tasks_rebuilt" (
      "id" integer primary key autoincrement,
      "code" text not null unique collate nocase,
      "title" text not null,
      "target" text,
      "category" text,
      "unit_id" integer not null references "units" ("id"),
      "leader_id" integer not null references "people" ("id"),
      "owner_id" integer not null references "people" ("id"),
      "start_date" text not null,
      "due_date" text,
      "lat" real,
      "lng" real,
      "is_public" integer default 1 not null,
      "status" text default 'open' not null check (status in ('open', 'done', 'withdrawn')),
      "closed_at" text,
      "created_at" text default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) not null,
      "updated_at" text default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) not null,
      "latest_check_in_id" integer,
      "withdrawn_reason" text
    )`.execute(trx);
    await sql`insert into "tasks_rebuilt" (id, code, title, target, category, unit_id, leader_id, owner_id, start_date, due_date, lat, lng, is_public, status, closed_at, created_at, updated_at, latest_check_in_id)
      select id, code, title, target, category, unit_id, leader_id, owner_id, start_date, due_date, lat, lng, is_public, status, closed_at, created_at, updated_at, latest_check_in_id from "tasks"`.execute(trx);
    await sql`drop table "tasks"`.execute(trx);
    await sql`alter table "tasks_rebuilt" rename to "tasks"`.execute(trx);
    await trx.schema.createIndex('tasks_owner').on('tasks').column('owner_id').execute();
    await trx.schema.createIndex('tasks_leader').on('tasks').column('leader_id').execute();
    await trx.schema.createIndex('tasks_unit').on('tasks').column('unit_id').execute();
    const broken = await sql`pragma foreign_key_check`.execute(trx);
    if (broken.rows.length > 0) throw new Error(`0013: foreign keys broken by the rebuild: ${JSON.stringify(broken.rows)}`);
  });
  await sql`pragma foreign_keys = on`.execute(db);
}

async function createOfficeTables(db: Kysely<any>, p: PortableSchema): Promise<void> {
  await db.schema
    .createTable('task_co_units')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_co_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('task_co_people')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'leader')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_co_people_pk', ['task_id', 'person_id', 'role'])
    .execute();
  await db.schema
    .createTable('pending_imports')
    .addColumn('id', 'integer', p.id)
    .addColumn('telegram_user_id', p.telegramId, (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('applied', 'cancelled', 'stale')`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0013 is not reversible: standing tasks have no due date to restore');
}
