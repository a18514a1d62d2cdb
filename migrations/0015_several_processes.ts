import { sql, type Kysely } from 'kysely';

/**
 * Several processes on one database (PostgreSQL): a lease names the one process that sends (and
 * the one that polls), and each outbox row a sender has taken says by whom: the claim lives as
 * long as that holder's lease, so another sender takes the row over once the lease has run out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  // What no sender has claimed yet, oldest first: read at every look at the outbox, so kept small.
  await db.schema.createIndex('outbox_unclaimed').on('outbox').columns(['priority desc', 'id']).where(sql.ref('status'), '=', 'pending').where(sql.ref('claimed_by'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_unclaimed').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
  await db.schema.dropTable('leases').execute();
}
