import type { Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Leave and deputies (代报, issue 19): a person away from one day to another, and who reports in
 * their place; an answer a deputy gives says for whom.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('leaves')
    .addColumn('id', 'integer', p.id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('deputy_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leaves_person').on('leaves').columns(['person_id', 'to_day']).execute();
  await db.schema.alterTable('check_ins').addColumn('on_behalf_of', 'integer', (c) => c.references('people.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('check_ins').dropColumn('on_behalf_of').execute();
  await db.schema.dropTable('leaves').execute();
}
