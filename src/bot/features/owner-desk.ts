import { Composer } from 'telegraf';
import type { Message } from 'telegraf/types';
import { decodeButton } from '../../domain/callback-data.ts';
import { answerByButton, answerByReport } from '../../flows/answer.ts';
import { askToCloseOut, type Evidence } from '../../flows/close-out.ts';
import { askExtension } from '../../flows/extensions.ts';
import { deputyChosen, leaveCommand } from '../../flows/leave.ts';
import { milestoneTapped } from '../../flows/milestones.ts';
import { acknowledgeTapped } from '../../flows/instructions.ts';
import { personWrote, type PersonMessage } from '../../flows/person-message.ts';
import { wordsOf } from '../../flows/turn.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

const REPORT = /^\/report(?:@\w+)?(?:\s+|$)/;

/** A message as the answer flows read it: its text or caption, its one file as evidence, what it replies to. */
function personMessage(message: Message, edited: boolean): PersonMessage | undefined {
  const evidence: Evidence | null = 'photo' in message ? `photo:${message.photo.at(-1)!.file_id}` : 'document' in message ? `document:${message.document.file_id}` : null;
  const text = 'text' in message ? message.text : evidence ? ('caption' in message ? (message.caption ?? '') : '') : undefined;
  if (text === undefined) return undefined;
  const repliedTo = 'reply_to_message' in message ? message.reply_to_message?.message_id : undefined;
  // An edited /report is read as the one-line answer it is: "CODE 60% …".
  return { source: { chatId: message.chat.id, messageId: message.message_id }, text: edited ? text.replace(REPORT, '') : text, evidence, repliedTo, edited };
}

/**
 * The responsible person's desk, in their private chat: answers by /report, by a progress
 * button, by a reply or a plain message (with a photo or a file as evidence), corrections by
 * editing an answer, milestones marked done (their button, /milestone, 「节点完成」), close-outs
 * (/done), extension requests (/extend), leave with a deputy (/leave), and acknowledging an
 * instruction. Mounted behind
 * `isLinked` in private chats.
 */
export function ownerDesk(deps: BotDeps): Composer<BotContext> {
  const desk = new Composer<BotContext>();
  // Every handler returns (or awaits) its flow: the update's transaction commits when the handler's
  // promise settles, and a flow still running then writes outside it (on PostgreSQL, after it).
  desk.command('report', async (ctx) => {
    const match = /^(\S+)\s+([\s\S]+)$/.exec(ctx.payload.trim());
    const turn = turnOf(ctx);
    if (!match) return turn.replies.say(wordsOf(deps)('answer.error.reportUsage'));
    await answerByReport(deps, turn, { code: match[1]!, text: match[2]!, source: { chatId: ctx.chat.id, messageId: ctx.message.message_id } });
  });
  desk.command('done', async (ctx) => void (await askToCloseOut(deps, turnOf(ctx), { code: ctx.payload.trim().split(/\s+/)[0] ?? '' })));
  desk.command('extend', (ctx) => askExtension(deps, turnOf(ctx), { payload: ctx.payload }));
  desk.command('leave', (ctx) => leaveCommand(deps, turnOf(ctx), { payload: ctx.payload }));
  desk.on('callback_query', async (ctx, next) => {
    const action = 'data' in ctx.callbackQuery ? decodeButton(ctx.callbackQuery.data) : undefined;
    if (action?.kind === 'progress') return void (await answerByButton(deps, turnOf(ctx), action));
    if (action?.kind === 'instructionAck') return acknowledgeTapped(deps, turnOf(ctx), action);
    if (action?.kind === 'milestoneDone') return milestoneTapped(deps, turnOf(ctx), action);
    if (action?.kind === 'deputyChoice') return deputyChosen(deps, turnOf(ctx), action);
    return next();
  });
  desk.on(['message', 'edited_message'], async (ctx, next) => {
    const edited = ctx.editedMessage !== undefined;
    const message = personMessage((ctx.editedMessage ?? ctx.message)!, edited);
    // Other commands go on to the fallback; a file with a caption like "/x" is still evidence.
    if (!message || (message.text.startsWith('/') && !/^\/milestone\b/i.test(message.text) && message.evidence === null)) return next();
    await personWrote(deps, turnOf(ctx), message);
  });
  return desk;
}
