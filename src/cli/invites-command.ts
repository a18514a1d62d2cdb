import { requireBotToken } from '../config.ts';
import { inviteKey, listInvites } from '../store/invites.ts';
import { readMeta } from '../store/meta.ts';
import type { CliCommand } from './context.ts';

/**
 * `invites [--json]`: one entry per person with their code and deep link. The same codes come
 * back on every call until they are used; a linked person's entry has no code.
 */
export const invitesCommand: CliCommand = async ({ config, db, t, now, print }, args) => {
  const entries = await listInvites(db, inviteKey(requireBotToken(config)), now());
  const username = await readMeta(db, 'botUsername');
  const linkOf = (code: string | null) => (code && username ? `https://t.me/${username}?start=${code}` : null);
  if (args.includes('--json')) {
    print(JSON.stringify(entries.map((entry) => ({ ...entry, link: linkOf(entry.code) })), null, 2));
    return 0;
  }
  if (entries.length === 0) {
    print(t('cli.invites.none'));
    return 0;
  }
  for (const entry of entries) {
    const code = entry.code ?? t('cli.invites.linked');
    print([entry.name, entry.unit, t(`role.${entry.role}`), code, linkOf(entry.code) ?? ''].join('\t').trimEnd());
  }
  if (!username) print(t('cli.invites.noUsername'));
  return 0;
};
