import { sql, type Kysely } from 'kysely';

/**
 * The admin's working calendar (issue 19): days off (休) and make-up working days (班) imported
 * over the built-in public holidays, or for a year the built-in data does not have yet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('rest', 'work')`))
    .addColumn('name', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_days').execute();
}
