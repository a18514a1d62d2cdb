import { Telegraf } from 'telegraf';
import type { BotContext, BotDeps } from './context.ts';
import { fallback } from './handlers/fallback.ts';
import { handleError } from './handlers/handle-error.ts';
import { help } from './handlers/help.ts';
import { identifySender } from './handlers/identify-sender.ts';
import { progressButton } from './handlers/progress-button.ts';
import { progressMessage } from './handlers/progress-message.ts';
import { recordUpdate } from './handlers/record-update.ts';
import { reportCommand } from './handlers/report-command.ts';
import { start } from './handlers/start.ts';
import { tasks } from './handlers/tasks.ts';
import { whoami } from './handlers/whoami.ts';

/** The bot: every handler, in the order an update meets them. */
export function createBot(token: string, deps: BotDeps): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(token, { telegram: { apiRoot: deps.config.telegramApiRoot } });
  bot.catch(handleError(deps));

  bot.use(recordUpdate(deps));
  bot.use(identifySender(deps));
  bot.start(start(deps));
  bot.help(help(deps));
  bot.command('whoami', whoami(deps));
  bot.command('tasks', tasks(deps));
  bot.command('report', reportCommand(deps));
  bot.action(/^r:/, progressButton(deps));
  bot.on(['text', 'photo', 'document'], progressMessage(deps));
  bot.use(fallback(deps));
  return bot;
}
