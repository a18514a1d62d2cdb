import { suggest } from '../../domain/suggest.ts';
import { Html, htmlTranslator, packMessages } from '../../render/html.ts';
import { overdueList, taskCard, unitList } from '../../render/leader-views.ts';
import { latestCloseOut } from '../../store/close-outs.ts';
import { instructionsOf } from '../../store/instructions.ts';
import { linkMessageToTask } from '../../store/outbox.ts';
import { taskCodes, taskHistory, unitNames } from '../../store/task-history.ts';
import { html } from '../answers.ts';
import { canLead, inAllowedChat, type BotContext, type BotDeps, type Handler } from '../context.ts';
import { clockOf, litTasks } from '../leader-data.ts';

/** The argument of a command: `/task ZX-01` → `ZX-01`. */
export const commandArgument = (ctx: BotContext) => (ctx.message && 'text' in ctx.message ? ctx.message.text.replace(/^\/\S+\s*/, '').trim() : '');

/** Lets a leader command through only for leaders and admins, in a private chat or the leadership group. */
export const leaderOnly = (deps: BotDeps, handler: Handler): Handler => async (ctx, next) => {
  if (!inAllowedChat(ctx, deps)) return void (await ctx.reply(deps.t('leader.wrongGroup')));
  if (!canLead(ctx, deps)) return void (await ctx.reply(deps.t(ctx.state.person || !ctx.chat || ctx.chat.type !== 'private' ? 'leader.notAllowed' : 'bot.unlinked')));
  return handler(ctx, next);
};

/** "Did you mean …" with the closest known names, never silence. */
function didYouMean(deps: BotDeps, typed: string, known: readonly string[]): Html {
  const t = htmlTranslator(deps.t);
  const names = suggest(typed, known);
  return new Html(names.length > 0 ? t('suggest.didYouMean', { names: names.join('、') }) : t('suggest.none'));
}

const sameName = (a: string, b: string) => a.normalize('NFKC').toUpperCase() === b.normalize('NFKC').toUpperCase();

/** `/task CODE`: the whole story of one task; a reply to the answer becomes an instruction. */
export const taskCommand = (deps: BotDeps): Handler => leaderOnly(deps, async (ctx) => {
  const t = htmlTranslator(deps.t);
  const code = commandArgument(ctx);
  if (code === '') return void (await ctx.reply(t('task.usage'), html));
  const lit = (await litTasks(deps)).find((candidate) => sameName(candidate.task.code, code));
  if (!lit) return void (await ctx.reply(t('task.unknown', { code, suggestions: didYouMean(deps, code, await taskCodes(deps.db)) }), html));
  const history = await taskHistory(deps.db, lit.task.id);
  const text = taskCard(lit, history, await instructionsOf(deps.db, lit.task.id), await latestCloseOut(deps.db, lit.task.id), deps.t, clockOf(deps));
  for (const part of packMessages(text.split('\n'), '…')) {
    const sent = await ctx.reply(part, html);
    await linkMessageToTask(deps.db, sent.chat.id, sent.message_id, lit.task.id);
  }
});

/** `/unit NAME`: a unit's tasks and lights. */
export const unitCommand = (deps: BotDeps): Handler => leaderOnly(deps, async (ctx) => {
  const t = htmlTranslator(deps.t);
  const name = commandArgument(ctx);
  if (name === '') return void (await ctx.reply(t('unit.usage'), html));
  const names = await unitNames(deps.db);
  const unit = names.find((candidate) => sameName(candidate, name));
  if (!unit) return void (await ctx.reply(t('unit.unknown', { name, suggestions: didYouMean(deps, name, names) }), html));
  const tasks = (await litTasks(deps)).filter((lit) => lit.task.unit === unit);
  for (const part of packMessages(unitList(unit, tasks, deps.t).split('\n'), '…')) await ctx.reply(part, html);
});

/** `/overdue`: every red task, longest overdue first. */
export const overdueCommand = (deps: BotDeps): Handler => leaderOnly(deps, async (ctx) => {
  for (const part of packMessages(overdueList(await litTasks(deps), deps.t, clockOf(deps).today), '…')) await ctx.reply(part, html);
});
