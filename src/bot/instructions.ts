import { htmlTranslator } from '../render/html.ts';
import { acknowledgeInstruction, createInstruction, instructionById, instructionKey } from '../store/instructions.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { taskHistory } from '../store/task-history.ts';
import { html } from './answers.ts';
import type { BotContext, BotDeps } from './context.ts';
import { inTransaction } from '../db/transaction.ts';

export const INSTRUCTION_ACK = /^ia:(\d+)$/;

/**
 * Records a leader's instruction (批示) and queues it for the responsible person, with a button
 * to acknowledge it; tells the leader whether it can reach them.
 */
export async function giveInstruction(ctx: BotContext, deps: BotDeps, taskId: number, text: string): Promise<void> {
  const t = htmlTranslator(deps.t);
  const { task } = await taskHistory(deps.db, taskId, 0);
  const author = ctx.state.person?.name ?? ctx.from?.first_name ?? '—';
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const id = await createInstruction(trx, { taskId, authorId: ctx.state.person?.id ?? null, authorName: author, authorChatId: ctx.from!.id, text, now });
    if (task.ownerChat === null) return;
    await enqueueMessages(
      trx,
      [{
        dedupeKey: instructionKey(id), chatId: task.ownerChat, personId: task.ownerId, taskId,
        text: t('instruct.toOwner', { author, code: task.code, title: task.title, text }),
        replyMarkup: { inline_keyboard: [[{ text: deps.t('instruct.ackButton'), callback_data: `ia:${id}` }]] },
      }],
      now,
    );
  });
  deps.wakeSender();
  await ctx.reply(t(task.ownerChat === null ? 'instruct.ownerUnlinked' : 'instruct.sent', { owner: task.owner, unit: task.unit }), html);
}

/** The responsible person taps "read": the leader is told when. */
export const acknowledgeButton = (deps: BotDeps) => async (ctx: BotContext) => {
  if (!ctx.callbackQuery || !('data' in ctx.callbackQuery)) return;
  const id = Number(INSTRUCTION_ACK.exec(ctx.callbackQuery.data)?.[1]);
  const instruction = await instructionById(deps.db, id);
  const history = instruction && (await taskHistory(deps.db, instruction.taskId, 0));
  if (!instruction || !history || ctx.state.person?.id !== history.task.ownerId) return void (await ctx.answerCbQuery(deps.t('answer.error.staleButton'), { show_alert: true }));
  const now = deps.now();
  if (!(await acknowledgeInstruction(deps.db, id, now))) return void (await ctx.answerCbQuery(deps.t('instruct.ackedAlready')));
  const t = htmlTranslator(deps.t);
  const at = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timezone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).replace(',', '');
  await enqueueMessages(
    deps.db,
    [{ dedupeKey: `instruction-ack:${id}`, chatId: instruction.authorChatId, taskId: instruction.taskId, text: t('instruct.toAuthor', { owner: history.task.owner, unit: history.task.unit, code: history.task.code, at }) }],
    now,
  );
  deps.wakeSender();
  await ctx.answerCbQuery(deps.t('instruct.acked'));
  await ctx.reply(`✅ ${deps.t('instruct.acked')}`, html);
};
