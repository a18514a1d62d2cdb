import { connectionOf, type Db } from '../db/database.ts';

/**
 * Counts a write the digest reads (an answer recorded or amended, a milestone marked, undone or
 * re-planned), so that a digest built meanwhile knows it is out of date (`digestInputsVersion`).
 * Call it in the writer's transaction.
 */
export async function noteDigestInputChange(db: Db): Promise<void> {
  connectionOf(db).prepare("insert into meta (key, value) values ('digestInputChanges', '1') on conflict (key) do update set value = cast(value as integer) + 1").run();
}
