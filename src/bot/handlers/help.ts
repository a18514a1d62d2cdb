import type { BotDeps, Handler } from '../context.ts';

/** `/help`: the commands, and for someone not linked yet, how to get linked. */
export const help = ({ t }: BotDeps): Handler => async (ctx) => {
  const lines = [t('bot.help.common')];
  if (!ctx.state.person) lines.push('', t('bot.help.unlinked'));
  await ctx.reply(lines.join('\n'));
};
