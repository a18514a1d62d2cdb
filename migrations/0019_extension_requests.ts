import { sql, type Kysely } from 'kysely';
import { portableSchema } from '../src/db/portable-schema.ts';

/**
 * Extension requests (延期申请, issue 19): the responsible person asks for a later due date with a
 * reason; the leader in charge approves or refuses with a tap. Every request stays, with its
 * decision: the task's trail, refused ones too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portableSchema(db);
  await db.schema
    .createTable('extension_requests')
    .addColumn('id', 'integer', p.id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('due_before', 'text', (c) => c.notNull())
    .addColumn('due_asked', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approved', 'refused')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('extension_requests_task').on('extension_requests').columns(['task_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('extension_requests').execute();
}
