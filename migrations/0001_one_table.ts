import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/** Units, people, tasks and milestones of the one table; cycles and check-ins; invites; audit. */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  const now = p.now;

  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', p.id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('unit').check(sql`kind in ('unit', 'leadership')`))
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', p.id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('telegram_user_id', p.telegramId, (c) => c.unique())
    .addColumn('linked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('people_name_unit', ['name', 'unit_id'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', p.id)
    .addColumn('code', 'text', (c) => (p.postgres ? c.notNull().unique() : c.notNull().unique().modifyEnd(sql`collate nocase`)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('category', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('leader_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('lat', p.real)
    .addColumn('lng', p.real)
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'done')`))
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  // A code is one code whatever its case (zx-01 is ZX-01): SQLite's column collates so; PostgreSQL has no such collation, so an index on its lower case.
  if (p.postgres) await sql`create unique index tasks_code_folded on tasks (lower(code))`.execute(db);
  await db.schema.createIndex('tasks_owner').on('tasks').column('owner_id').execute();
  await db.schema.createIndex('tasks_leader').on('tasks').column('leader_id').execute();
  await db.schema.createIndex('tasks_unit').on('tasks').column('unit_id').execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('milestones_task').on('milestones').columns(['task_id', 'due_date']).execute();

  await db.schema
    .createTable('cycles')
    .addColumn('id', 'integer', p.id)
    .addColumn('week', 'text', (c) => c.notNull().unique())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('percent', 'integer', (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addColumn('note', 'text')
    .addColumn('problems', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('check_ins_task_cycle').on('check_ins').columns(['task_id', 'cycle_id', 'reported_at']).execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'integer', p.id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('used_at', 'text')
    .addColumn('used_by_telegram_user_id', p.telegramId)
    .execute();
  await db.schema.createIndex('invites_person').on('invites').column('person_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', p.id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('detail', 'text')
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['meta', 'audit_log', 'invites', 'check_ins', 'cycles', 'milestones', 'tasks', 'people', 'units']) {
    await db.schema.dropTable(table).execute();
  }
}
