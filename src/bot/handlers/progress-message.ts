import { htmlTranslator } from '../../render/html.ts';
import { linkOfMessage } from '../../store/outbox.ts';
import { html, replyWithProblem } from '../answers.ts';
import { submitCloseOut } from '../close-out.ts';
import { answerWithText } from '../answer-text.ts';
import { isPrivateChat, type BotDeps, type Handler } from '../context.ts';
import { taskTargetOf } from '../task-target.ts';

/**
 * A linked person's text, photo or document in a private chat: a one-line answer
 * (`60% 完成签约120户`), the note after a button, or evidence, for the task it is about.
 */
export const progressMessage = (deps: BotDeps): Handler => async (ctx, next) => {
  const message = ctx.message;
  const person = ctx.state.person;
  if (!message || !person || !isPrivateChat(ctx)) return next();
  const evidence = 'photo' in message ? [message.photo.at(-1)!.file_id] : 'document' in message ? [message.document.file_id] : [];
  const caption = 'caption' in message ? message.caption : undefined;
  const text = 'text' in message ? message.text : evidence.length > 0 ? (caption ?? '') : undefined;
  if (text === undefined || (text.startsWith('/') && evidence.length === 0)) return next();

  const repliedTo = 'reply_to_message' in message ? message.reply_to_message : undefined;
  const link = repliedTo && (await linkOfMessage(deps.db, message.chat.id, repliedTo.message_id));
  if (link && link.purpose === 'closeOutEvidence') {
    if (evidence.length === 0) return void (await ctx.reply(htmlTranslator(deps.t)('closeOut.needEvidence'), html));
    return submitCloseOut(ctx, deps, link.taskId, [`${'photo' in message ? 'photo' : 'document'}:${evidence[0]!}`], text.trim() || null);
  }

  const target = await taskTargetOf(deps, person, message, text);
  if (!target.ok) return replyWithProblem(ctx, deps, target.problem, target.code);
  await answerWithText(ctx, deps, target.task, target.text, target.via, evidence);
};
