import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf } from '../domain/cycle-week.ts';
import { currentThresholds } from './work-calendar.ts';
import { taskStatus } from '../domain/status.ts';
import { suggest } from '../domain/suggest.ts';
import { encodeButton } from '../domain/callback-data.ts';
import { may } from '../domain/permissions.ts';
import { escapeHtml, Html, shorten } from '../render/html.ts';
import { extensionTrail } from '../render/extension-trail.ts';
import { extensionsOf } from '../store/extensions.ts';
import { marksOfTask } from '../store/milestones.ts';
import { overdueList, taskCard, unitList, type LitTask } from '../render/leader-views.ts';
import { latestCloseOut } from '../store/close-outs.ts';
import { answeringCycle } from '../store/cycles.ts';
import { instructionsOf } from '../store/instructions.ts';
import { taskCodes, taskHistory, withdrawnTask, unitNames } from '../store/task-history.ts';
import { digestTasks } from '../store/weekly.ts';
import { unitRoundLines, type UnitRounds } from '../render/assessment-results.ts';
import { isTargetOf, raterUnitProgress } from '../store/assessment-cards.ts';
import { standingsOfUnit } from '../store/assessment-results.ts';
import { openRounds } from '../store/assessment-rounds.ts';
import { unitByName } from '../store/units.ts';
import { clockOf, weekOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** Every task with its light as of now, counted over the latest opened cycle. */
async function litTasks(deps: FlowDeps, turn: Turn): Promise<LitTask[]> {
  const cycle = await answeringCycle(turn.tx, weekOf(deps, turn));
  const today = calendarDateIn(turn.now, deps.config.timezone);
  const lit: LitTask[] = [];
  const thresholds = await currentThresholds(turn.tx, deps.config, turn.now);
  for await (const task of digestTasks(turn.tx, cycle, cycleWeekOf(new Date(cycle.startsAt), deps.config.timezone))) lit.push({ task, status: taskStatus(task.facts, today, thresholds) });
  return lit;
}

/** "Did you mean …" with the closest known names, never silence. */
function didYouMean(deps: FlowDeps, typed: string, known: readonly string[]): Html {
  const t = wordsOf(deps);
  const names = suggest(typed, known);
  return new Html(names.length > 0 ? t('suggest.didYouMean', { names: names.join('、') }) : t('suggest.none'));
}

const sameName = (a: string, b: string) => a.normalize('NFKC').toUpperCase() === b.normalize('NFKC').toUpperCase();

/** `/task CODE`: the whole story of one task, its extension requests among it; a reply to it becomes an instruction. */
export async function showTask(deps: FlowDeps, turn: Turn, input: { code: string }): Promise<void> {
  const t = wordsOf(deps);
  if (input.code === '') return turn.replies.say(t('task.usage'));
  const lit = (await litTasks(deps, turn)).find((candidate) => sameName(candidate.task.code, input.code));
  if (!lit) {
    // A withdrawn task is in no list, but its code still answers: with when and why.
    const withdrawn = await withdrawnTask(turn.tx, input.code);
    if (withdrawn) return turn.replies.say(t('task.withdrawn', { code: withdrawn.code, title: withdrawn.title, on: clockOf(deps, turn).local(withdrawn.closedAt), reason: withdrawn.reason }));
    return turn.replies.say(t('task.unknown', { code: input.code, suggestions: didYouMean(deps, input.code, await taskCodes(turn.tx)) }));
  }
  const { tx } = turn;
  const history = await taskHistory(tx, lit.task.id);
  const card = taskCard(lit, history, await marksOfTask(tx, lit.task.id), await instructionsOf(tx, lit.task.id), await latestCloseOut(tx, lit.task.id), deps.t, clockOf(deps, turn), deps.config.publicUrl);
  // Whoever may undo a wrong mark gets a button under each done milestone.
  const undoable = may.undoMilestoneMark(turn.speaker, history.task) ? history.milestones.filter((m) => m.doneOn !== null) : [];
  const keyboard = undoable.map((m) => [{ text: deps.t('button.milestoneUndo', { date: m.dueDate.slice(5), description: shorten(m.description, 14) }), callback_data: encodeButton({ kind: 'milestoneUndo', milestoneId: m.id }) }]);
  const trail = extensionTrail(deps.t, await extensionsOf(tx, lit.task.id), { requester: (request) => request.requester, decider: (request) => request.decidedBy ?? '', local: clockOf(deps, turn).local });
  const text = trail.length > 0 ? [card, '', escapeHtml(deps.t('extend.trail.head')), ...trail.map(escapeHtml)].join('\n') : card;
  await turn.replies.say(text, { taskId: lit.task.id, keyboard: keyboard.length > 0 ? keyboard : undefined });
}

/** `/unit NAME`: a unit's tasks and lights, and its assessment rounds. */
export async function showUnit(deps: FlowDeps, turn: Turn, input: { name: string }): Promise<void> {
  const t = wordsOf(deps);
  if (input.name === '') return turn.replies.say(t('unit.usage'));
  const names = await unitNames(turn.tx);
  const unit = names.find((candidate) => sameName(candidate, input.name));
  if (!unit) return turn.replies.say(t('unit.unknown', { name: input.name, suggestions: didYouMean(deps, input.name, names) }));
  const list = unitList(unit, (await litTasks(deps, turn)).filter((lit) => lit.task.unit === unit), deps.t);
  const rounds = unitRoundLines(t, await roundsOfUnit(deps, turn, unit));
  await turn.replies.say([list, ...(rounds.length > 0 ? ['', ...rounds] : [])].join('\n'));
}

/** The assessment rounds a unit is in: open ones (scored, scoring) and closed ones that scored it. */
async function roundsOfUnit(deps: FlowDeps, turn: Turn, name: string): Promise<UnitRounds> {
  const { tx } = turn;
  const unit = await unitByName(tx, name);
  if (!unit) return { closed: [], open: [] };
  const open = await Promise.all((await openRounds(tx)).map(async (round) => {
    const rater = await raterUnitProgress(tx, round.id, unit.id);
    return { round: round.name, target: await isTargetOf(tx, round.id, unit.id), rater: rater.cards > 0 ? rater : null };
  }));
  const closed = (await standingsOfUnit(tx, unit.id)).map((standing) => ({ ...standing, closedOn: calendarDateIn(new Date(standing.closedAt), deps.config.timezone) }));
  return { open: open.filter((round) => round.target || round.rater), closed };
}

/** `/overdue`: every red task, longest overdue first. */
export async function showOverdue(deps: FlowDeps, turn: Turn): Promise<void> {
  await turn.replies.say(overdueList(await litTasks(deps, turn), deps.t, clockOf(deps, turn).today).join('\n'));
}
