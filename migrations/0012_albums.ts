import type { Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * A message may be an album (sendMediaGroup): several photos in one call, shown together. At
 * district scale the digest's chart is four images; sent as four photos they scatter among the
 * group's messages. An album's files are rows of their own, in order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('outbox_files')
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bytes', p.bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_files_pk', ['outbox_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_files').execute();
}
