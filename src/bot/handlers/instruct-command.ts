import { htmlTranslator } from '../../render/html.ts';
import { taskByCode } from '../../store/check-ins.ts';
import { html, replyWithProblem } from '../answers.ts';
import type { BotDeps, Handler } from '../context.ts';
import { giveInstruction } from '../instructions.ts';
import { commandArgument, leaderOnly } from './leader-commands.ts';

/** `/instruct CODE TEXT`: an instruction (批示) on a task, relayed to the responsible person. */
export const instructCommand = (deps: BotDeps): Handler => leaderOnly(deps, async (ctx) => {
  const match = /^(\S+)\s+([\s\S]+)$/.exec(commandArgument(ctx));
  if (!match) return void (await ctx.reply(htmlTranslator(deps.t)('instruct.usage'), html));
  const task = await taskByCode(deps.db, match[1]!);
  if (!task) return replyWithProblem(ctx, deps, 'unknownTask', match[1]);
  await giveInstruction(ctx, deps, task.id, match[2]!.trim());
});
