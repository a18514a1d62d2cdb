import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { recordAudit } from './audit-log.ts';
import { allPeople, personById, personByTelegramId, type PersonCard } from './people.ts';

/**
 * Invite codes are derived from a random salt with a key kept outside the database (it comes
 * from the bot token), and looked up by their HMAC: a leaked database reveals no unused code,
 * yet the admin can print the same codes again. A new bot token gives everyone unlinked a new
 * code the next time the invites are listed.
 */
export type InviteKey = Buffer & { readonly __inviteKey: unique symbol };

export function inviteKey(botToken: string): InviteKey {
  return createHmac('sha256', 'duban invite codes').update(botToken).digest() as InviteKey;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base32: no I, L, O, U
export const INVITE_CODE_LENGTH = 10;

function codeFor(key: InviteKey, salt: string): string {
  const digest = createHmac('sha256', key).update(`code:${salt}`).digest();
  return Array.from(digest.subarray(0, INVITE_CODE_LENGTH), (byte) => ALPHABET[byte % 32]).join('');
}

function hashOf(key: InviteKey, code: string): string {
  return createHmac('sha256', key).update(`lookup:${code}`).digest('hex');
}

/** Reads a code as a person may type it: any case, spaces or dashes, O for 0, I or L for 1. */
export function normalizeInviteCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface InviteEntry {
  name: string;
  unit: string;
  role: PersonCard['role'];
  /** null once the person is linked: their code is spent. */
  code: string | null;
  linked: boolean;
}

/**
 * One entry per person, issuing a code to whoever has none; the same code on every call. Writes
 * the codes it issues: run it in a transaction (`inTransaction`, or the bot's unit of work).
 */
export async function listInvites(trx: Db, key: InviteKey, now: Date, actor = 'cli'): Promise<InviteEntry[]> {
  {
    const entries: InviteEntry[] = [];
    let issued = 0;
    for (const person of await allPeople(trx)) {
      const base = { name: person.name, unit: person.unit, role: person.role };
      if (person.telegramUserId !== null) {
        entries.push({ ...base, code: null, linked: true });
        continue;
      }
      let invite = await trx.selectFrom('invites').select(['id', 'salt', 'codeHash']).where('personId', '=', person.id).where('usedAt', 'is', null).executeTakeFirst();
      if (!invite) {
        const salt = randomBytes(16).toString('hex');
        invite = await trx
          .insertInto('invites')
          .values({ personId: person.id, salt, codeHash: hashOf(key, codeFor(key, salt)), createdAt: now.toISOString() })
          .returning(['id', 'salt', 'codeHash'])
          .executeTakeFirstOrThrow();
        issued += 1;
      }
      const code = codeFor(key, invite.salt);
      if (invite.codeHash !== hashOf(key, code)) {
        await trx.updateTable('invites').set({ codeHash: hashOf(key, code) }).where('id', '=', invite.id).execute();
      }
      entries.push({ ...base, code, linked: false });
    }
    if (issued > 0) await recordAudit(trx, now, { actor, action: 'invites.issue', detail: { issued } });
    return entries;
  }
}

export type Redemption =
  | { outcome: 'linked'; person: PersonCard }
  | { outcome: 'alreadyLinked'; person: PersonCard }
  | { outcome: 'accountTaken'; person: PersonCard }
  | { outcome: 'spent' }
  | { outcome: 'unknown' };

/** Links a Telegram account to the person a code was issued to, in the caller's transaction; a code links once. */
export async function redeemInvite(trx: Db, key: InviteKey, typedCode: string, telegramUserId: number, now: Date): Promise<Redemption> {
  const code = normalizeInviteCode(typedCode);
  const invite = await trx.selectFrom('invites').selectAll().where('codeHash', '=', hashOf(key, code)).executeTakeFirst();
  const current = await personByTelegramId(trx, telegramUserId);
  if (!invite) return { outcome: 'unknown' };
  if (invite.usedAt !== null) {
    return invite.usedByTelegramUserId === telegramUserId && current ? { outcome: 'alreadyLinked', person: current } : { outcome: 'spent' };
  }
  if (current) return current.id === invite.personId ? { outcome: 'alreadyLinked', person: current } : { outcome: 'accountTaken', person: current };
  const person = await personById(trx, invite.personId);
  if (!person || person.telegramUserId !== null) return { outcome: 'spent' };

  await trx.updateTable('invites').set({ usedAt: now.toISOString(), usedByTelegramUserId: telegramUserId }).where('id', '=', invite.id).execute();
  await trx.updateTable('people').set({ telegramUserId, linkedAt: now.toISOString() }).where('id', '=', person.id).execute();
  await recordAudit(trx, now, { actor: `telegram:${telegramUserId}`, action: 'person.link', subject: `${person.name} (${person.unit})` });
  return { outcome: 'linked', person: { ...person, telegramUserId } };
}
