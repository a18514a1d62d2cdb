import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Linked assessment (联动考核, issue 18): units are typed (单位类型); a round has units of one type
 * score units of another on a few criteria; each rater gets a card per target, and a round's
 * results are kept as they stood when it closed. A follow-up task (测评整改) names the round it came
 * from. A scoring card is a message a reply to which means something, but is about no task: a
 * message's link no longer needs a task (SQLite rebuilds the table to drop the NOT NULL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema.alterTable('units').addColumn('unit_type', 'text').execute();
  await db.schema
    .createTable('assessment_rounds')
    .addColumn('id', 'integer', p.id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('assessment_cards')
    .addColumn('id', 'integer', p.id)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('rater_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('target_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('scored_at', 'text')
    .addUniqueConstraint('assessment_cards_one', ['round_id', 'person_id', 'target_unit_id'])
    .execute();
  await db.schema.createIndex('assessment_cards_target').on('assessment_cards').columns(['round_id', 'target_unit_id']).execute();
  await db.schema
    .createTable('assessment_results')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('raters', 'integer', (c) => c.notNull())
    .addColumn('rater_units', 'integer', (c) => c.notNull())
    .addColumn('means', 'text')
    .addColumn('overall', p.real)
    .addColumn('rank', 'integer')
    .addColumn('comments', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_results_pk', ['round_id', 'unit_id'])
    .execute();
  await db.schema.alterTable('tasks').addColumn('assessment_round_id', 'integer', (c) => c.references('assessment_rounds.id')).execute();
  if (p.postgres) await sql`alter table message_links alter column task_id drop not null`.execute(db);
  else await rebuildMessageLinks(db);
}

/** Nothing refers to message_links, so it is rebuilt in the migration's own transaction. */
async function rebuildMessageLinks(db: Kysely<any>): Promise<void> {
  await sql`create table "message_links_rebuilt" (
    "chat_id" integer not null,
    "message_id" integer not null,
    "task_id" integer references "tasks" ("id") on delete cascade,
    "purpose" text default 'task' not null,
    "ref_id" integer,
    constraint "message_links_pk" primary key ("chat_id", "message_id")
  )`.execute(db);
  await sql`insert into "message_links_rebuilt" (chat_id, message_id, task_id, purpose, ref_id) select chat_id, message_id, task_id, purpose, ref_id from "message_links"`.execute(db);
  await sql`drop table "message_links"`.execute(db);
  await sql`alter table "message_links_rebuilt" rename to "message_links"`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0017 is not reversible: scores and their follow-up tasks would be lost');
}
