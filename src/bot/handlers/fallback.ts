import { isPrivateChat, type BotDeps, type Handler } from '../context.ts';

/**
 * Whatever no handler took, in a private chat: a stranger learns how to get linked, a linked
 * person how to find the commands. In a group the bot keeps quiet.
 */
export const fallback = ({ t }: BotDeps): Handler => async (ctx) => {
  if (!isPrivateChat(ctx) || !ctx.message) return;
  await ctx.reply(t(ctx.state.person ? 'bot.notUnderstood' : 'bot.unlinked'));
};
