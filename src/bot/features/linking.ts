import { Composer } from 'telegraf';
import { linkAccount } from '../../flows/person-desk.ts';
import { turnOf, type BotContext, type BotDeps } from '../context.ts';

/** `/start CODE` (and the deep link that sends it): links the account and greets the person with their tasks. */
export function linking(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.start(async (ctx) => {
    const outcome = await linkAccount(deps, turnOf(ctx), { code: ctx.payload.replace(/\s+/g, '') });
    if ('linked' in outcome) deps.logger.info({ personId: outcome.linked.id, telegramUserId: ctx.from.id }, 'person linked');
    if ('refused' in outcome && (outcome.refused === 'spent' || outcome.refused === 'unknown')) deps.logger.warn({ telegramUserId: ctx.from.id }, `${outcome.refused} invite code tried`);
  });
  return feature;
}
