import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Database, LinkPurpose, OutboxMethod } from '../db/schema.ts';

/** A message to send, as the step that caused it writes it. */
export interface OutgoingMessage {
  /** What it is, e.g. `prompt:12:345`; a second message with the same key is never written. */
  dedupeKey: string;
  chatId: number;
  /** The message's text, or a photo's or document's caption; Telegram HTML. */
  text: string;
  replyMarkup?: unknown;
  /** A photo or document: one Telegram already has (its file id), or bytes to upload. */
  file?: { kind: 'photo' | 'document'; fileId: string } | { kind: 'photo' | 'document'; bytes: Buffer; name: string };
  /** Photos shown together as an album (2 to 10), `text` the first one's caption. */
  album?: readonly { bytes: Buffer; name: string }[];
  personId?: number | null;
  taskId?: number | null;
  cycleId?: number | null;
  /** A reply to what a person just wrote: it goes before bulk messages. */
  reply?: boolean;
  /** What a reply to the sent message means; without it, a message with `taskId` is about that task. */
  link?: { purpose: LinkPurpose; refId: number | null };
  /** Not a message: the answer to a tapped button (answerCallbackQuery), `text` its notice. */
  callbackAnswer?: { queryId: string; showAlert: boolean };
}

function methodOf({ file, album, callbackAnswer }: OutgoingMessage): OutboxMethod {
  if (callbackAnswer) return 'answerCallbackQuery';
  if (album) return 'sendMediaGroup';
  return file ? (file.kind === 'photo' ? 'sendPhoto' : 'sendDocument') : 'sendMessage';
}

function payloadOf(message: OutgoingMessage) {
  const { file, album, callbackAnswer } = message;
  if (callbackAnswer) return { callback_query_id: callbackAnswer.queryId, text: message.text || undefined, show_alert: callbackAnswer.showAlert || undefined };
  // The photos themselves are `outbox_files`, put in by the sender.
  if (album) return { media: album.map((_, i) => ({ type: 'photo', ...(i === 0 && message.text ? { caption: message.text, parse_mode: 'HTML' } : {}) })) };
  return file
    ? { [file.kind]: 'fileId' in file ? file.fileId : undefined, caption: message.text || undefined, parse_mode: 'HTML', reply_markup: message.replyMarkup }
    : { text: message.text, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: message.replyMarkup };
}

function outboxRow(message: OutgoingMessage, now: Date) {
  const { file } = message;
  return {
    dedupeKey: message.dedupeKey,
    chatId: message.chatId,
    method: methodOf(message),
    payload: JSON.stringify(payloadOf(message)),
    attachment: file && 'bytes' in file ? file.bytes : null,
    attachmentName: file && 'bytes' in file ? file.name : null,
    personId: message.personId ?? null,
    taskId: message.taskId ?? null,
    cycleId: message.cycleId ?? null,
    createdAt: now.toISOString(),
    priority: message.reply || message.callbackAnswer ? 1 : 0,
    linkPurpose: message.link?.purpose ?? null,
    linkRefId: message.link?.refId ?? null,
  } as const;
}

/**
 * Writes messages to the outbox, in the caller's transaction; a key already there is skipped.
 * Returns how many were new.
 */
export async function enqueueMessages(db: Db, messages: readonly OutgoingMessage[], now: Date): Promise<number> {
  let written = 0;
  for (const message of messages) if (await enqueueOne(db, message, now)) written += 1;
  return written;
}

/** One message, by the database's fast path (every answer writes one); false if its key was already there. */
async function enqueueOne(db: Db, message: OutgoingMessage, now: Date): Promise<boolean> {
  const { rows, insertedId } = dialectOf(db);
  const row = outboxRow(message, now);
  const id = await insertedId(
    db,
    sql`insert into outbox (dedupe_key, chat_id, method, payload, attachment, attachment_name, person_id, task_id, cycle_id, created_at, priority, link_purpose, link_ref_id)
      values (${row.dedupeKey}, ${row.chatId}, ${row.method}, ${row.payload}, ${row.attachment}, ${row.attachmentName}, ${row.personId}, ${row.taskId}, ${row.cycleId}, ${row.createdAt}, ${row.priority}, ${row.linkPurpose}, ${row.linkRefId})
      on conflict (dedupe_key) do nothing`,
  );
  if (id === undefined) return false;
  for (const [position, photo] of (message.album ?? []).entries()) {
    await rows(db, sql`insert into outbox_files (outbox_id, position, name, bytes) values (${id}, ${position}, ${photo.name}, ${photo.bytes})`);
  }
  return true;
}

/**
 * Takes up to `limit` of the oldest pending messages no sender has claimed, for `holder` (the
 * holder of the `sender` lease); returns how many it took. One statement: the candidates are
 * locked as they are read, skipping any another sender is taking at this moment (PostgreSQL's
 * `for update skip locked`; SQLite has one writer, whose lock the statement waits for), and each
 * is taken only if, under that lock, it is still pending and still unclaimed: read before another
 * sender's claim committed, a row would otherwise be taken, and sent, twice.
 */
export async function claimMessages(db: Db, holder: string, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const unclaimed = (eb: ExpressionBuilder<Database, 'outbox'>) => eb.and([eb('status', '=', 'pending'), eb('claimedBy', 'is', null)]);
  const candidates = db.selectFrom('outbox').select('id').where(unclaimed).orderBy('priority', 'desc').orderBy('id').limit(limit);
  // Picked once, as a materialized CTE: as `id in (subquery)` PostgreSQL may run the subquery again
  // for each row it updates, and each run, skipping what is now claimed, picks `limit` more.
  const taken = await db
    .with((cte) => cte('picked').materialized(), () => dialectOf(db).skipLocked(candidates))
    .updateTable('outbox')
    .set({ claimedBy: holder })
    .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
    .where(unclaimed)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows);
}

/**
 * Takes over what senders whose lease has run out had claimed and not sent: a claim lives as long
 * as its holder's lease. The new holder of the `sender` lease does this once it has the lease
 * (so the dead one's lease has run out); the rows then go in their order with the rest.
 */
export async function takeOverClaims(db: Db, holder: string, now: Date): Promise<number> {
  const taken = await db
    .updateTable('outbox')
    .set({ claimedBy: holder })
    .where('status', '=', 'pending')
    .where('claimedBy', 'is not', null)
    .where('claimedBy', '!=', holder)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('leases').select('leases.holder').whereRef('leases.holder', '=', 'outbox.claimedBy').where('leases.expiresAt', '>=', now.toISOString()))))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows);
}

/** Lets go of `holder`'s claims on what it has not sent (it is stopping): another sender takes them at once. */
export async function releaseClaims(db: Db, holder: string): Promise<void> {
  await db.updateTable('outbox').set({ claimedBy: null }).where('claimedBy', '=', holder).where('status', '=', 'pending').execute();
}

/** The oldest pending messages `holder` has claimed, in order; `nextAttemptAt` says when a retried one may go again. */
export async function claimedMessages(db: Db, holder: string, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'chatId', 'method', 'payload', 'taskId', 'attempts', 'nextAttemptAt', 'linkPurpose', 'linkRefId'])
    .where('status', '=', 'pending')
    .where('claimedBy', '=', holder)
    .orderBy('priority', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The file a pending sendPhoto or sendDocument uploads, if it has one of its own. */
export async function attachmentOf(db: Db, id: number): Promise<{ attachment: Buffer | null; attachmentName: string | null } | undefined> {
  return db.selectFrom('outbox').select(['attachment', 'attachmentName']).where('id', '=', id).executeTakeFirst();
}

/** The photos of a pending album, in order. */
export async function albumOf(db: Db, id: number): Promise<{ name: string; bytes: Buffer }[]> {
  return db.selectFrom('outboxFiles').select(['name', 'bytes']).where('outboxId', '=', id).orderBy('position').execute();
}

/** What a sent message is, as far as reading a reply to it goes. */
export interface SentLink {
  taskId: number | null;
  linkPurpose: LinkPurpose | null;
  linkRefId: number | null;
}

/** A message Telegram has accepted, to be recorded as sent. */
export interface SentMessage extends SentLink {
  id: number;
  chatId: number;
  /** null for what is not a message (the answer to a button). */
  messageId: number | null;
}

/**
 * Marks messages sent, in one transaction of two statements, and for those about a task remembers
 * what a reply to them means. The sender records what Telegram accepted together: at a thousand a
 * second, a commit (or on PostgreSQL a round trip) per message would cost more than sending it.
 */
export async function markSent(db: Db, sent: readonly SentMessage[], now: Date): Promise<void> {
  if (sent.length === 0) return;
  const telegramMessageId = sql<number | null>`case ${sql.join(sent.map((message) => sql`when id = ${message.id} then cast(${message.messageId} as integer)`), sql` `)} end`;
  const links = sent.filter((message) => message.messageId !== null && (message.taskId !== null || message.linkPurpose !== null));
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'sent', sentAt: now.toISOString(), telegramMessageId, attempts: (eb) => eb('attempts', '+', 1), nextAttemptAt: null })
      .where('id', 'in', sent.map((message) => message.id))
      .execute();
    if (links.length === 0) return;
    await trx
      .insertInto('messageLinks')
      .values(links.map((message) => ({ chatId: message.chatId, messageId: message.messageId!, taskId: message.taskId, purpose: message.linkPurpose ?? 'task', refId: message.linkRefId })))
      .onConflict((oc) => oc.columns(['chatId', 'messageId']).doNothing())
      .execute();
  });
}

/** A failed attempt to be tried again, not before `nextAttemptAt`. */
export async function markRetry(db: Db, id: number, error: string, nextAttemptAt: Date, countsAsAttempt: boolean): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts: (eb) => eb('attempts', '+', countsAsAttempt ? 1 : 0), error, nextAttemptAt: nextAttemptAt.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** A message that will not be sent: Telegram refused it, or it kept failing. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'failed', error, attempts: (eb) => eb('attempts', '+', 1) }).where('id', '=', id).execute();
}

/** A chat that answered 403: its pending messages fail at once, and nothing more is tried. */
export async function markUnreachable(db: Db, chatId: number, reason: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('unreachableChats')
      .values({ chatId, since: now.toISOString(), reason })
      .onConflict((oc) => oc.column('chatId').doUpdateSet({ failures: (eb) => eb('unreachableChats.failures', '+', 1), reason }))
      .execute();
    // Twice, once through each index of pending messages (0016): as one statement it reads every message ever queued.
    for (const claimed of [false, true]) {
      await trx
        .updateTable('outbox')
        .set({ status: 'failed', error: `unreachable: ${reason}` })
        .where('chatId', '=', chatId)
        .where('status', '=', 'pending')
        .where('claimedBy', claimed ? 'is not' : 'is', null)
        .execute();
    }
  });
}

/** Of these chats, the ones that blocked the bot. */
export async function unreachableAmong(db: Db, chatIds: readonly number[]): Promise<Set<number>> {
  if (chatIds.length === 0) return new Set();
  const rows = await db.selectFrom('unreachableChats').select('chatId').where('chatId', 'in', chatIds).execute();
  return new Set(rows.map((row) => row.chatId));
}

export type { LinkPurpose };

/** What a reply to a message means: about a task (with a purpose), or the scores of a card (`refId`). */
export type MessageLink = { purpose: 'scoreCard'; taskId: null; refId: number } | { purpose: Exclude<LinkPurpose, 'scoreCard'>; taskId: number; refId: number | null };

/** What a message the bot sent was about, if anything. */
export async function linkOfMessage(db: Db, chatId: number, messageId: number): Promise<MessageLink | undefined> {
  return (await db.selectFrom('messageLinks').select(['taskId', 'purpose', 'refId']).where('chatId', '=', chatId).where('messageId', '=', messageId).executeTakeFirst()) as MessageLink | undefined;
}

/** The task a message the bot sent was about, if any. */
export async function taskOfMessage(db: Db, chatId: number, messageId: number): Promise<number | undefined> {
  return (await linkOfMessage(db, chatId, messageId))?.taskId ?? undefined;
}
