import { htmlTranslator } from '../../render/html.ts';
import { taskByCode } from '../../store/check-ins.ts';
import { linkOfMessage } from '../../store/outbox.ts';
import { taskCodes, taskHistory } from '../../store/task-history.ts';
import { html } from '../answers.ts';
import { decide } from '../close-out.ts';
import { canLead, inAllowedChat, type BotDeps, type Handler } from '../context.ts';
import { giveInstruction } from '../instructions.ts';

/**
 * A leader's reply: to "why send it back?" it is the reason; to a /task answer it is an
 * instruction on that task; to a digest line it is an instruction on the task whose code the
 * quoted part names. Anyone else's reply, and a leader's reply as the task's own owner, goes on.
 */
export const leaderReply = (deps: BotDeps): Handler => async (ctx, next) => {
  const message = ctx.message;
  if (!message || !('text' in message) || !('reply_to_message' in message) || !message.reply_to_message || !canLead(ctx, deps) || !inAllowedChat(ctx, deps)) return next();
  const text = message.text.trim();
  const link = await linkOfMessage(deps.db, message.chat.id, message.reply_to_message.message_id);
  if (link?.purpose === 'returnReason' && link.refId !== null) return decide(ctx, deps, link.refId, 'returned', text);
  if (link?.purpose === 'task') {
    const { task } = await taskHistory(deps.db, link.taskId, 0);
    if (task.ownerId === ctx.state.person?.id) return next();
    return giveInstruction(ctx, deps, link.taskId, text);
  }
  const quoted = ('quote' in message && (message as { quote?: { text?: string } }).quote?.text) || '';
  const codes = (await taskCodes(deps.db)).filter((code) => quoted.includes(code));
  if (codes.length === 1) {
    return giveInstruction(ctx, deps, (await taskByCode(deps.db, codes[0]!))!.id, text);
  }
  if (link === undefined && message.reply_to_message.from?.id !== ctx.botInfo.id) return next();
  await ctx.reply(htmlTranslator(deps.t)('instruct.whichTask'), html);
};
