import { htmlTranslator } from '../../render/html.ts';
import { taskByCode } from '../../store/check-ins.ts';
import { html, replyWithProblem } from '../answers.ts';
import { askForCloseOutEvidence } from '../close-out.ts';
import { isPrivateChat, type BotDeps, type Handler } from '../context.ts';
import { commandArgument } from './leader-commands.ts';

/** `/done CODE`: the responsible person asks to close a task out (销号); evidence comes next. */
export const doneCommand = (deps: BotDeps): Handler => async (ctx) => {
  const person = ctx.state.person;
  if (!person || !isPrivateChat(ctx)) return void (await ctx.reply(deps.t('bot.unlinked')));
  const code = commandArgument(ctx).split(/\s+/)[0] ?? '';
  if (code === '') return void (await ctx.reply(htmlTranslator(deps.t)('closeOut.usage'), html));
  const task = await taskByCode(deps.db, code);
  if (!task) return replyWithProblem(ctx, deps, 'unknownTask', code);
  if (task.ownerId !== person.id) return replyWithProblem(ctx, deps, 'notYours', task.code);
  if (task.status !== 'open') return replyWithProblem(ctx, deps, 'closed', task.code);
  await askForCloseOutEvidence(ctx, deps, task.id, task.code);
};
