import { htmlTranslator } from '../../render/html.ts';
import { taskByCode } from '../../store/check-ins.ts';
import { queueReply, replyWithProblem } from '../answers.ts';
import { answerWithText } from '../answer-text.ts';
import type { BotDeps, Handler } from '../context.ts';

/** `/report CODE PERCENT% NOTE`: an answer in one message; the note keeps its lines and punctuation. */
export const reportCommand = (deps: BotDeps): Handler => async (ctx) => {
  if (!ctx.message || !('text' in ctx.message)) return;
  if (!ctx.state.person) return void (await ctx.reply(deps.t('bot.unlinked')));
  const match = /^\/report(?:@\w+)?\s+(\S+)\s+([\s\S]+)$/.exec(ctx.message.text.trim());
  if (!match) return queueReply(ctx, deps, htmlTranslator(deps.t)('answer.error.reportUsage'));
  const [, code, report] = match as unknown as [string, string, string];
  const task = await taskByCode(deps.db, code);
  if (!task) return replyWithProblem(ctx, deps, 'unknownTask', code);
  await answerWithText(ctx, deps, task, report, 'command');
};
