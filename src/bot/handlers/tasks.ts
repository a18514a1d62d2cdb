import type { BotDeps, Handler } from '../context.ts';
import { taskListText } from '../task-list.ts';

/** `/tasks`: the sender's open tasks. */
export const tasks = (deps: BotDeps): Handler => async (ctx) => {
  const person = ctx.state.person;
  if (!person) return void (await ctx.reply(deps.t('bot.unlinked')));
  await ctx.reply(await taskListText(deps, person));
};
