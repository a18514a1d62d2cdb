import { parseAssessCommand } from '../domain/assess-command.ts';
import { encodeButton } from '../domain/callback-data.ts';
import type { TaskTable } from '../domain/task-table.ts';
import { describeProblem } from '../i18n/describe-problem.ts';
import { writeXlsxTable } from '../io/printable-table.ts';
import { escapeHtml } from '../render/html.ts';
import { importSummaryLines, rejectionHeading } from '../render/import-summary.ts';
import { keepPendingImport, pendingImport, settlePendingImport } from '../store/pending-imports.ts';
import { unitsLinked } from '../store/people.ts';
import { closeRoundByName, openRound, roundResults } from './assessment-rounds.ts';
import { importTable } from './import-table.ts';
import { typeUnit } from './unit-type.ts';
import { invitesPackage } from './invites-package.ts';
import { exportedSheet } from './table-export.ts';
import { actorOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** A table sent in the chat, as the bot received it: read and checked before the update's transaction began. */
export type TableUpload = { fileName: string; table: TaskTable } | { fileName: string; failed: 'tooLarge' | 'download' };

/** Problems and list lines a chat message shows before 「……另有 N 项」: a phone screen, not a terminal. */
const LISTED_IN_CHAT = 10;
const PROBLEMS_IN_CHAT = 20;

const summaryForm = (deps: FlowDeps) => ({ language: deps.config.locale === 'en' ? 'en' : 'zh', listed: LISTED_IN_CHAT, unlisted: 'onConfirm' } as const);
const plainLines = (lines: readonly string[]) => lines.map(escapeHtml).join('\n');

/**
 * An admin sent a table: its problems, one line each, and nothing imported; or the preview of
 * what importing it would do (the very import, undone) with Confirm and Cancel.
 */
export async function previewUpload(deps: FlowDeps, turn: Turn, upload: TableUpload): Promise<void> {
  const t = wordsOf(deps);
  if ('failed' in upload) return turn.replies.say(t(upload.failed === 'tooLarge' ? 'desk.upload.tooLarge' : 'desk.upload.failed', { file: upload.fileName }));
  const { table } = upload;
  if (!table.ok) {
    const head = rejectionHeading(deps.t, table);
    const lines = table.problems.slice(0, PROBLEMS_IN_CHAT).map((problem) => describeProblem(deps.t, problem));
    if (table.problems.length > PROBLEMS_IN_CHAT) lines.push(deps.t('import.list.more', { count: table.problems.length - PROBLEMS_IN_CHAT }));
    return turn.replies.say(plainLines([head, ...lines]));
  }
  const input = { rows: table.rows, source: upload.fileName, actor: actorOf(turn), withdrawUnlisted: true, dryRun: true };
  const summary = await importTable(turn.tx, deps, input, turn.now);
  const id = await keepPendingImport(turn.tx, { telegramUserId: turn.speaker.telegramUserId, fileName: upload.fileName, rows: table.rows, now: turn.now });
  const lines = [deps.t('import.preview', { file: upload.fileName }), ...importSummaryLines(summary, table.notes, deps.t, summaryForm(deps)), deps.t('desk.import.askConfirm')];
  await turn.replies.say(plainLines(lines), {
    keyboard: [[
      { text: deps.t('desk.import.confirm'), callback_data: encodeButton({ kind: 'importDecision', pendingImportId: id, choice: 'ok' }) },
      { text: deps.t('desk.import.cancel'), callback_data: encodeButton({ kind: 'importDecision', pendingImportId: id, choice: 'no' }) },
    ]],
  });
}

/** Confirm imports what the preview showed (withdrawing what it named as no longer listed); Cancel drops it. Either once. */
export async function importDecisionTapped(deps: FlowDeps, turn: Turn, input: { pendingImportId: number; choice: 'ok' | 'no' }): Promise<void> {
  const t = wordsOf(deps);
  const pending = await pendingImport(turn.tx, input.pendingImportId);
  if (!pending || pending.settled) return turn.replies.answerButton(deps.t('desk.import.stale'), { alert: true });
  if (input.choice === 'no') {
    await settlePendingImport(turn.tx, pending.id, 'cancelled', turn.now);
    await turn.replies.answerButton();
    return turn.replies.say(t('desk.import.cancelled', { file: pending.fileName }));
  }
  const source = pending.fileName;
  const summary = await importTable(turn.tx, deps, { rows: pending.rows, source, actor: actorOf(turn), withdrawUnlisted: true, dryRun: false }, turn.now);
  await settlePendingImport(turn.tx, pending.id, 'applied', turn.now);
  await turn.replies.answerButton();
  await turn.replies.say(plainLines([deps.t('import.applied', { file: source }), ...importSummaryLines(summary, [], deps.t, { ...summaryForm(deps), brief: true })]));
}

/** `/export`: the one table as a workbook, each task with its light today, ready to print or to import back. */
export async function sendExport(deps: FlowDeps, turn: Turn): Promise<void> {
  const { sheet, further, count, date } = await exportedSheet(turn.tx, deps, turn.now);
  await turn.replies.sendFile({ bytes: await writeXlsxTable(sheet, ...further), name: deps.t('desk.export.file', { date }) }, wordsOf(deps)('desk.export.caption', { count }));
}

/** `/invites`: the invites workbook and, for everyone not linked yet, the slips to print and cut. */
export async function sendInvites(deps: FlowDeps, turn: Turn): Promise<void> {
  const t = wordsOf(deps);
  const invites = await invitesPackage(turn.tx, deps, turn.now, actorOf(turn));
  if (invites.entries.length === 0) return turn.replies.say(t('cli.invites.none'));
  const linked = invites.entries.filter((entry) => entry.linked).length;
  await turn.replies.sendFile({ bytes: invites.workbook, name: deps.t('desk.invites.workbookFile') }, t('desk.invites.caption', { linked, total: invites.entries.length }));
  if (invites.slips) await turn.replies.sendFile({ bytes: invites.slips, name: deps.t('desk.invites.slipsFile') }, t('desk.invites.slipsCaption', { count: invites.entries.length - linked }));
  else if (invites.noUsername) await turn.replies.say(t('cli.invites.noUsername'));
}

/** `/linked`: who has linked, x / y by unit, the units furthest behind first. */
export async function showLinked(deps: FlowDeps, turn: Turn): Promise<void> {
  const t = wordsOf(deps);
  const units = await unitsLinked(turn.tx);
  const linked = units.reduce((sum, unit) => sum + unit.linked, 0);
  const total = units.reduce((sum, unit) => sum + unit.total, 0);
  const lines = [t('desk.linked.head', { linked, total }), ...units.map((unit) => t(unit.linked === unit.total ? 'desk.linked.unitDone' : 'desk.linked.unit', { unit: unit.unit, linked: unit.linked, total: unit.total }))];
  await turn.replies.say(lines.join('\n'));
}

/** `/assess open|close|results …`: an assessment round from the chat, as `cli assess` does it. */
export async function assessInChat(deps: FlowDeps, turn: Turn, input: { words: readonly string[] }): Promise<void> {
  const command = parseAssessCommand(input.words);
  if ('problem' in command) {
    const lines = [command.problem === 'missing' ? deps.t('assess.problem.missing', { option: command.option }) : '', command.problem === 'unknownOption' ? deps.t('assess.problem.unknownOption', { option: command.option }) : '', deps.t('assess.usage')];
    return turn.replies.say(plainLines(lines.filter(Boolean)));
  }
  const context = { actor: actorOf(turn), now: turn.now };
  const outcome =
    command.action === 'open' ? await openRound(turn.tx, deps, command, context)
    : command.action === 'close' ? await closeRoundByName(turn.tx, deps, { name: command.name, ...context })
    : await roundResults(turn.tx, deps, { name: command.name, json: command.json, now: turn.now });
  await turn.replies.say(plainLines(outcome.lines));
}

/** `/unittype UNIT TYPE`: types a unit for assessment rounds. */
export async function typeUnitInChat(deps: FlowDeps, turn: Turn, input: { words: readonly string[] }): Promise<void> {
  if (input.words.length < 2) return turn.replies.say(wordsOf(deps)('unitType.usage'));
  const outcome = await typeUnit(turn.tx, deps, { words: input.words, actor: actorOf(turn), now: turn.now });
  await turn.replies.say(plainLines(outcome.lines));
}
