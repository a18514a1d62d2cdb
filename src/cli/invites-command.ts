import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { requireBotToken } from '../config.ts';
import { inTransaction } from '../db/transaction.ts';
import { invitesPackage } from '../flows/invites-package.ts';
import { inviteKey } from '../store/invites.ts';
import type { CliCommand } from './context.ts';

/**
 * `invites [FILE.xlsx] [--json]`: one entry per person with their code and deep link. With a
 * file, the invites workbook is written there and, beside it (`FILE-slips.pdf`), the slips to
 * print, each with a QR code of the person's link. The same codes come back on every call until
 * they are used; a linked person's entry has no code.
 */
export const invitesCommand: CliCommand = async ({ config, db, t, now, print, printError }, args) => {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (file !== undefined && extname(file).toLowerCase() !== '.xlsx') {
    printError(t('cli.invites.notXlsx', { file }));
    return 2;
  }
  const deps = { t, inviteKey: inviteKey(requireBotToken(config)) };
  const invites = await inTransaction(db, (trx) => invitesPackage(trx, deps, now(), 'cli'));
  const { entries } = invites;
  if (args.includes('--json')) {
    print(JSON.stringify(entries, null, 2));
    return 0;
  }
  if (entries.length === 0) {
    print(t('cli.invites.none'));
    return 0;
  }
  if (file !== undefined) {
    await writeFile(file, invites.workbook);
    const slips = file.replace(/\.xlsx$/i, '-slips.pdf');
    if (invites.slips) await writeFile(slips, invites.slips);
    const linked = entries.filter((entry) => entry.linked).length;
    print(t('cli.invites.written', { file, linked, total: entries.length }));
    if (invites.slips) print(t('cli.invites.slipsWritten', { file: slips, count: entries.length - linked }));
  } else {
    for (const entry of entries) {
      const code = entry.code ?? t('cli.invites.linked');
      print([entry.name, entry.unit, t(`role.${entry.role}`), code, entry.link ?? ''].join('\t').trimEnd());
    }
  }
  if (invites.noUsername) print(t('cli.invites.noUsername'));
  return 0;
};
