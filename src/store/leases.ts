import type { Db } from '../db/database.ts';
import type { LeaseTable } from '../db/schema.ts';

export type LeaseName = LeaseTable['name'];

/**
 * Takes the lease, or keeps it: true if `holder` holds it until `until` now. Another holder's
 * lease is taken only once it has run out (`now` past its expiry), so of several processes asking
 * at once exactly one holds it, and a process that died lets go of it by not renewing.
 */
export async function holdLease(db: Db, name: LeaseName, holder: string, now: Date, until: Date): Promise<boolean> {
  const expiresAt = until.toISOString();
  const held = await db
    .insertInto('leases')
    .values({ name, holder, expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expiresAt })
        .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expiresAt', '<', now.toISOString())])),
    )
    .returning('holder')
    .executeTakeFirst();
  return held !== undefined;
}

/** Gives the lease up (a process stopping), so that another takes it at once rather than when it runs out. */
export async function releaseLease(db: Db, name: LeaseName, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds the lease, and until when, if anyone. */
export async function leaseHolder(db: Db, name: LeaseName): Promise<{ holder: string; expiresAt: string } | undefined> {
  return db.selectFrom('leases').select(['holder', 'expiresAt']).where('name', '=', name).executeTakeFirst();
}
