import type { Db } from '../db/database.ts';
import type { Translate } from '../i18n/translate.ts';
import { inviteSlipsPdf, renderInviteSlips } from '../io/invite-slips.ts';
import { writeInvitesWorkbook } from '../io/invites-workbook.ts';
import { listInvites, type InviteEntry, type InviteKey } from '../store/invites.ts';
import { readMeta } from '../store/meta.ts';

/** What the office hands out: a workbook of everyone, and slips to cut, one per person not yet linked. */
export interface InvitesPackage {
  entries: (InviteEntry & { link: string | null })[];
  workbook: Buffer;
  /** null when no one is left to invite, or the bot's username is not known yet (no link to put in a QR). */
  slips: Buffer | null;
  /** The bot's username is not known yet: the bot has not started once. */
  noUsername: boolean;
}

/** A person's deep link, `https://t.me/<bot>?start=<code>`: opening it links their account. */
export const deepLink = (username: string | undefined, code: string | null) => (code && username ? `https://t.me/${username}?start=${code}` : null);

/**
 * The invites workbook (unit, name, role, link, linked or not) and the printable slips with a QR
 * code of each deep link, grouped by unit, in the caller's transaction (codes are issued to whoever
 * has none).
 *
 * @example const { workbook, slips } = await invitesPackage(trx, { t, inviteKey }, new Date(), 'cli')
 */
export async function invitesPackage(trx: Db, deps: { t: Translate; inviteKey: InviteKey }, now: Date, actor: string): Promise<InvitesPackage> {
  const { t } = deps;
  const username = await readMeta(trx, 'botUsername');
  const entries = (await listInvites(trx, deps.inviteKey, now, actor)).map((entry) => ({ ...entry, link: deepLink(username, entry.code) }));
  const role = (entry: InviteEntry) => t(`role.${entry.role}`);
  const workbook = await writeInvitesWorkbook(
    entries.map((entry) => ({ unit: entry.unit, name: entry.name, role: role(entry), link: entry.link, linked: entry.linked })),
    { sheet: t('invites.sheet'), unit: t('invites.unit'), name: t('invites.name'), role: t('invites.role'), link: t('invites.link'), linked: t('invites.linked'), yes: t('table.public.yes'), no: t('table.public.no') },
  );
  const pages = renderInviteSlips(
    entries.map((entry) => ({ name: entry.name, unit: entry.unit, role: role(entry), link: entry.link, code: entry.code })),
    { title: t('invites.slipsTitle'), instruction: t('invites.slipInstruction'), page: (n, of) => t('invites.page', { n, of }) },
  );
  return { entries, workbook, slips: pages.length > 0 ? await inviteSlipsPdf(pages) : null, noUsername: username === undefined };
}
