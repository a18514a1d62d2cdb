import type { BotDeps, Handler } from '../context.ts';

/** `/whoami`: the person this Telegram account is linked to, or how to get linked. */
export const whoami = ({ t }: BotDeps): Handler => async (ctx) => {
  const person = ctx.state.person;
  if (!person) return void (await ctx.reply(t('bot.unlinked')));
  await ctx.reply(t('bot.whoami', { name: person.name, unit: person.unit, roles: t(`role.${person.role}`) }));
};
