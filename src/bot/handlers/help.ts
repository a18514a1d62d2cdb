import { canLead, type BotDeps, type Handler } from '../context.ts';

/** `/help`: the commands this person may use, and for someone not linked yet, how to get linked. */
export const help = (deps: BotDeps): Handler => async (ctx) => {
  const { t } = deps;
  const lines = [t('bot.help.common')];
  if (ctx.state.person?.role === 'owner') lines.push(t('bot.help.owner'));
  if (canLead(ctx, deps)) lines.push(t('bot.help.leader'));
  if (!ctx.state.person) lines.push('', t('bot.help.unlinked'));
  await ctx.reply(lines.join('\n'));
};
