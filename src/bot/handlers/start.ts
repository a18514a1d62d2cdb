import { redeemInvite } from '../../store/invites.ts';
import { isPrivateChat, type BotDeps, type Handler } from '../context.ts';
import { taskListText } from '../task-list.ts';

const MAX_CODE_LENGTH = 64;

/**
 * `/start CODE` links the sender to the person the code was issued to and greets them with
 * their tasks; a deep link `t.me/<bot>?start=CODE` sends the same. A spent, wrong or missing
 * code gets an answer and links nothing.
 */
export const start = (deps: BotDeps): Handler => async (ctx) => {
  const { t } = deps;
  if (!isPrivateChat(ctx) || !ctx.from || !ctx.message || !('text' in ctx.message)) return;
  const code = ctx.message.text.split(/\s+/).slice(1).join('').slice(0, MAX_CODE_LENGTH);
  const known = ctx.state.person;
  if (code === '') {
    if (!known) return void (await ctx.reply(t('bot.start.noCode')));
    return void (await ctx.reply(`${t('bot.welcomeBack', { name: known.name, unit: known.unit })}\n\n${await taskListText(deps, known)}`));
  }
  const result = await redeemInvite(deps.db, deps.inviteKey, code, ctx.from.id, deps.now());
  switch (result.outcome) {
    case 'linked':
      deps.logger.info({ personId: result.person.id, telegramUserId: ctx.from.id }, 'person linked');
      return void (await ctx.reply(`${t('bot.greeting', { name: result.person.name, unit: result.person.unit })}\n\n${await taskListText(deps, result.person)}`));
    case 'alreadyLinked':
      return void (await ctx.reply(`${t('bot.welcomeBack', { name: result.person.name, unit: result.person.unit })}\n\n${await taskListText(deps, result.person)}`));
    case 'accountTaken':
      return void (await ctx.reply(t('bot.start.accountTaken', { name: result.person.name, unit: result.person.unit })));
    case 'spent':
      deps.logger.warn({ telegramUserId: ctx.from.id }, 'spent invite code tried');
      return void (await ctx.reply(t('bot.start.spentCode')));
    case 'unknown':
      deps.logger.warn({ telegramUserId: ctx.from.id }, 'unknown invite code tried');
      return void (await ctx.reply(t('bot.start.unknownCode', { code })));
  }
};
