import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';

/**
 * Counts a write the digest reads (an answer recorded or amended, a milestone marked, undone or
 * re-planned), so that a digest built meanwhile knows it is out of date (`digestInputsVersion`).
 * Call it in the writer's transaction.
 */
export async function noteDigestInputChange(db: Db): Promise<void> {
  await dialectOf(db).rows(db, sql`insert into meta (key, value) values ('digestInputChanges', '1') on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`);
}
