import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { decodeButton } from '../../domain/callback-data.ts';
import { closeOutDecisionTapped } from '../../flows/close-out.ts';
import { extensionTapped } from '../../flows/extensions.ts';
import { instruct, leaderReplied } from '../../flows/instructions.ts';
import { askToUndoMark } from '../../flows/milestones.ts';
import { showOverdue, showTask, showUnit } from '../../flows/leader-desk.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

export const LEADER_COMMANDS = ['task', 'unit', 'overdue', 'instruct'];

/**
 * The leaders' desk: a task's whole story, a unit's lights, what is overdue, instructions (批示)
 * by command or by replying, decisions on close-outs and extension requests, and undoing a
 * milestone's wrong done mark.
 * Mounted behind `leaderHere`.
 */
export function leaderDesk(deps: BotDeps): Composer<BotContext> {
  const desk = new Composer<BotContext>();
  desk.command('task', (ctx) => showTask(deps, turnOf(ctx), { code: ctx.payload.trim() }));
  desk.command('unit', (ctx) => showUnit(deps, turnOf(ctx), { name: ctx.payload.trim() }));
  desk.command('overdue', (ctx) => showOverdue(deps, turnOf(ctx)));
  desk.command('instruct', (ctx) => {
    const [, code = '', text = ''] = /^(\S*)\s*([\s\S]*)$/.exec(ctx.payload.trim()) ?? [];
    return instruct(deps, turnOf(ctx), { code, text: text.trim() });
  });
  desk.on('callback_query', async (ctx, next) => {
    const action = 'data' in ctx.callbackQuery ? decodeButton(ctx.callbackQuery.data) : undefined;
    if (action?.kind === 'closeOutDecision') return closeOutDecisionTapped(deps, turnOf(ctx), action);
    if (action?.kind === 'milestoneUndo') return askToUndoMark(deps, turnOf(ctx), action);
    if (action?.kind === 'extensionDecision') return extensionTapped(deps, turnOf(ctx), action);
    return next();
  });
  desk.on(message('text'), async (ctx, next) => {
    const { reply_to_message: repliedTo, text } = ctx.message;
    if (!repliedTo) return next();
    const quote = (ctx.message as { quote?: { text?: string } }).quote?.text ?? '';
    const handled = await leaderReplied(deps, turnOf(ctx), { chatId: ctx.chat.id, text: text.trim(), repliedTo: repliedTo.message_id, repliedToBot: repliedTo.from?.id === ctx.botInfo.id, quote });
    if (!handled) return next();
  });
  return desk;
}
