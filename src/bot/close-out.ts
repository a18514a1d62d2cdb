import { htmlTranslator } from '../render/html.ts';
import { closeOutById, decideCloseOut, latestCloseOut, requestCloseOut } from '../store/close-outs.ts';
import { enqueueMessages, linkMessageToTask, type OutgoingMessage } from '../store/outbox.ts';
import { taskHistory } from '../store/task-history.ts';
import { html } from './answers.ts';
import { canLead, type BotContext, type BotDeps } from './context.ts';
import { inTransaction } from '../db/transaction.ts';

export const CLOSE_OUT_DECISION = /^co:(\d+):(ok|back)$/;

/** Evidence as kept with a close-out: `photo:<file id>` or `document:<file id>`. */
export type Evidence = `${'photo' | 'document'}:${string}`;

/** The owner asked to close a task out: ask for the evidence, as a reply to this very message. */
export async function askForCloseOutEvidence(ctx: BotContext, deps: BotDeps, taskId: number, code: string): Promise<void> {
  const t = htmlTranslator(deps.t);
  const pending = await latestCloseOut(deps.db, taskId);
  if (pending && pending.decision === null) return void (await ctx.reply(t('closeOut.pendingAlready', { code }), html));
  const sent = await ctx.reply(t('closeOut.askEvidence', { code }), { ...html, reply_markup: { force_reply: true } });
  await linkMessageToTask(deps.db, sent.chat.id, sent.message_id, taskId, 'closeOutEvidence');
}

/**
 * Files the close-out request and sends it, with its evidence, to the leader in charge (or, if
 * they are not linked, to the admins) with buttons to confirm or send it back.
 */
export async function submitCloseOut(ctx: BotContext, deps: BotDeps, taskId: number, evidence: readonly Evidence[], note: string | null): Promise<void> {
  const t = htmlTranslator(deps.t);
  const { task } = await taskHistory(deps.db, taskId, 0);
  const now = deps.now();
  const approvers = task.leaderChat !== null ? [task.leaderChat] : deps.config.adminIds;
  await inTransaction(deps.db, async (trx) => {
    const id = await requestCloseOut(trx, { taskId, personId: ctx.state.person!.id, evidence, note, now });
    const messages: OutgoingMessage[] = approvers.flatMap((chatId) => [
      ...evidence.map((item, n): OutgoingMessage => {
        const [kind, fileId] = item.split(/:(.*)/s) as ['photo' | 'document', string];
        return { dedupeKey: `closeout:${id}:${chatId}:file:${n}`, chatId, taskId, text: '', file: { kind, fileId } };
      }),
      {
        dedupeKey: `closeout:${id}:${chatId}`, chatId, taskId,
        text: t('closeOut.toLeader', { code: task.code, title: task.title, unit: task.unit, owner: task.owner, note: note ?? '—', count: evidence.length }),
        replyMarkup: { inline_keyboard: [[{ text: deps.t('closeOut.confirmButton'), callback_data: `co:${id}:ok` }, { text: deps.t('closeOut.returnButton'), callback_data: `co:${id}:back` }]] },
      },
    ]);
    await enqueueMessages(trx, messages, now);
  });
  deps.wakeSender();
  await ctx.reply(t('closeOut.submitted', { code: task.code }), html);
}

/** The leader in charge (or an admin) confirms a close-out, or is asked why it goes back. */
export const closeOutDecisionButton = (deps: BotDeps) => async (ctx: BotContext) => {
  if (!ctx.callbackQuery || !('data' in ctx.callbackQuery)) return;
  const [, idText, choice] = CLOSE_OUT_DECISION.exec(ctx.callbackQuery.data) ?? [];
  const closeOut = await closeOutById(deps.db, Number(idText));
  if (!closeOut) return void (await ctx.answerCbQuery(deps.t('answer.error.staleButton'), { show_alert: true }));
  const { task } = await taskHistory(deps.db, closeOut.taskId, 0);
  const t = htmlTranslator(deps.t);
  const isApprover = ctx.state.person?.id === task.leaderId || (ctx.from !== undefined && deps.config.adminIds.includes(ctx.from.id));
  if (!isApprover || !canLead(ctx, deps)) return void (await ctx.answerCbQuery(deps.t('closeOut.notYours', { code: task.code }), { show_alert: true }));
  if (closeOut.decision !== null) return void (await ctx.answerCbQuery(deps.t('closeOut.decided')));
  await ctx.answerCbQuery();
  if (choice === 'back') {
    const sent = await ctx.reply(t('closeOut.askReason', { code: task.code }), { ...html, reply_markup: { force_reply: true } });
    return linkMessageToTask(deps.db, sent.chat.id, sent.message_id, task.id, 'returnReason', closeOut.id);
  }
  await decide(ctx, deps, closeOut.id, 'confirmed', null);
};

/** Records the decision and tells both sides; the reason is what the leader wrote. */
export async function decide(ctx: BotContext, deps: BotDeps, closeOutId: number, outcome: 'confirmed' | 'returned', reason: string | null): Promise<void> {
  const closeOut = (await closeOutById(deps.db, closeOutId))!;
  const { task } = await taskHistory(deps.db, closeOut.taskId, 0);
  const t = htmlTranslator(deps.t);
  const by = ctx.state.person?.name ?? ctx.from?.first_name ?? '—';
  const now = deps.now();
  const decided = await inTransaction(deps.db, async (trx) => {
    if (!(await decideCloseOut(trx, closeOutId, { outcome, by, reason, now }))) return false;
    if (task.ownerChat !== null) {
      const text = outcome === 'confirmed' ? t('closeOut.confirmedToOwner', { code: task.code, title: task.title, by }) : t('closeOut.returnedToOwner', { code: task.code, by, reason: reason ?? '' });
      await enqueueMessages(trx, [{ dedupeKey: `closeout-decision:${closeOutId}`, chatId: task.ownerChat, personId: task.ownerId, taskId: task.id, text }], now);
    }
    return true;
  });
  if (!decided) return void (await ctx.reply(deps.t('closeOut.decided')));
  deps.wakeSender();
  await ctx.reply(t(outcome === 'confirmed' ? 'closeOut.confirmedToLeader' : 'closeOut.returnedToLeader', { code: task.code, owner: task.owner }), html);
}
