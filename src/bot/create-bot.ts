import { Telegraf } from 'telegraf';
import type { BotContext, BotDeps } from './context.ts';
import { fallback } from './handlers/fallback.ts';
import { handleError } from './handlers/handle-error.ts';
import { help } from './handlers/help.ts';
import { identifySender } from './handlers/identify-sender.ts';
import { progressButton } from './handlers/progress-button.ts';
import { progressMessage } from './handlers/progress-message.ts';
import { CLOSE_OUT_DECISION, closeOutDecisionButton } from './close-out.ts';
import { doneCommand } from './handlers/done-command.ts';
import { instructCommand } from './handlers/instruct-command.ts';
import { overdueCommand, taskCommand, unitCommand } from './handlers/leader-commands.ts';
import { leaderReply } from './handlers/leader-reply.ts';
import { recordUpdate } from './handlers/record-update.ts';
import { acknowledgeButton, INSTRUCTION_ACK } from './instructions.ts';
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
  bot.command('done', doneCommand(deps));
  bot.command('task', taskCommand(deps));
  bot.command('unit', unitCommand(deps));
  bot.command('overdue', overdueCommand(deps));
  bot.command('instruct', instructCommand(deps));
  bot.action(/^r:/, progressButton(deps));
  bot.action(INSTRUCTION_ACK, acknowledgeButton(deps));
  bot.action(CLOSE_OUT_DECISION, closeOutDecisionButton(deps));
  bot.on('text', leaderReply(deps));
  bot.on(['text', 'photo', 'document'], progressMessage(deps));
  bot.use(fallback(deps));
  return bot;
}
