import { replyWithProblem } from '../answers.ts';
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

  const target = await taskTargetOf(deps, person, message, text);
  if (!target.ok) return replyWithProblem(ctx, deps, target.problem, target.code);
  await answerWithText(ctx, deps, target.task, target.text, target.via, evidence);
};
