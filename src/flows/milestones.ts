import { calendarDateIn } from '../domain/calendar-date.ts';
import type { MarkRequest } from '../domain/milestone-mark.ts';
import { may } from '../domain/permissions.ts';
import { latenessText } from '../render/lateness.ts';
import { taskById, type TaskRef } from '../store/check-ins.ts';
import { enqueueMessages } from '../store/outbox.ts';
import { addMarkEvidence, markById, markMilestoneDone, milestoneById, milestonesOfTask, undoMilestoneMark, type MilestoneRef } from '../store/milestones.ts';
import { taskHistory } from '../store/task-history.ts';
import { refuse } from './answer.ts';
import type { Evidence } from './close-out.ts';
import { wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** The milestone a request names, by its number in date order or the earliest not done; or why there is none. */
function chosenMilestone(milestones: readonly MilestoneRef[], ordinal: number | null): MilestoneRef | 'none' | 'allDone' | 'noSuch' {
  if (milestones.length === 0) return 'none';
  if (ordinal !== null) return milestones[ordinal - 1] ?? 'noSuch';
  return milestones.find((m) => m.doneOn === null) ?? 'allDone';
}

/**
 * The responsible person marks a milestone done: by its button on the prompt, by
 * `/milestone CODE [N]`, or by a reply starting 「节点完成」; a photo or a file sent with it is its
 * evidence, and one sent later in reply to the acknowledgement is added to it.
 */
export async function markMilestone(deps: FlowDeps, turn: Turn, input: { task: TaskRef; milestone?: MilestoneRef; request?: MarkRequest; evidence: Evidence | null }): Promise<void> {
  const t = wordsOf(deps);
  const { task } = input;
  if (!may.answer(turn.speaker, task)) return void (await refuse(deps, turn, 'notYours', { code: task.code }));
  if (task.status !== 'open') return void (await refuse(deps, turn, 'closed', { code: task.code }));
  const milestones = input.milestone ? [] : await milestonesOfTask(turn.tx, task.id);
  const chosen = input.milestone ?? chosenMilestone(milestones, input.request?.ordinal ?? null);
  if (typeof chosen === 'string') {
    const list = milestones.map((m, i) => `${i + 1}. ${m.due} ${m.description}${m.doneOn ? ' ✅' : ''}`).join('\n');
    await turn.replies.answerButton();
    return turn.replies.say(t(`milestone.${chosen}`, { code: task.code, list }));
  }
  if (chosen.doneOn !== null) {
    const already = { code: task.code, date: chosen.due, description: chosen.description, on: chosen.doneOn };
    await turn.replies.answerButton(deps.t('milestone.alreadyDone', already));
    return turn.replies.say(t('milestone.alreadyDone', already));
  }
  const today = calendarDateIn(turn.now, deps.config.timezone);
  const by = { personId: turn.speaker.personId, name: turn.speaker.person?.name ?? turn.speaker.displayName };
  const markId = await markMilestoneDone(turn.tx, { milestone: chosen, by, today, now: turn.now, evidence: input.evidence ? [input.evidence] : [] });
  if (markId === false) return turn.replies.answerButton();
  const words = { code: task.code, date: chosen.due, description: chosen.description, lateness: latenessText(t, chosen.due, today) };
  await turn.replies.answerButton(`✅ ${task.code} ${chosen.due}`);
  if (input.evidence) return turn.replies.say(t('milestone.markedWithEvidence', words), { taskId: task.id });
  await turn.replies.say(t('milestone.marked', words), { taskId: task.id, link: { purpose: 'milestoneEvidence', refId: markId } });
}

/** A milestone's button on the prompt was tapped. */
export async function milestoneTapped(deps: FlowDeps, turn: Turn, input: { milestoneId: number }): Promise<void> {
  const milestone = await milestoneById(turn.tx, input.milestoneId);
  const task = milestone && (await taskById(turn.tx, milestone.taskId));
  if (!milestone || !task) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  await markMilestone(deps, turn, { task, milestone, evidence: null });
}

/** A photo or file sent in reply to a mark's acknowledgement: evidence of that mark. */
export async function addEvidenceToMark(deps: FlowDeps, turn: Turn, input: { markId: number; evidence: Evidence | null }): Promise<void> {
  const t = wordsOf(deps);
  const mark = await markById(turn.tx, input.markId);
  const task = mark && (await taskById(turn.tx, mark.taskId));
  if (!mark || !task) return turn.replies.say(deps.t('answer.error.staleButton'));
  if (!may.answer(turn.speaker, task)) return void (await refuse(deps, turn, 'notYours', { code: task.code }));
  if (input.evidence === null) return turn.replies.say(t('milestone.evidenceOnly', { code: task.code }));
  const count = await addMarkEvidence(turn.tx, mark.id, input.evidence);
  await turn.replies.say(t('milestone.evidenceAdded', { code: task.code, date: mark.dueDate, description: mark.description, count }), { taskId: task.id });
}

/** The leader in charge (or an admin) taps "undo" under a done milestone in `/task`: why is asked as a reply. */
export async function askToUndoMark(deps: FlowDeps, turn: Turn, input: { milestoneId: number }): Promise<void> {
  const milestone = await milestoneById(turn.tx, input.milestoneId);
  const task = milestone && (await taskById(turn.tx, milestone.taskId));
  if (!milestone || !task) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  if (!may.undoMilestoneMark(turn.speaker, task)) return turn.replies.answerButton(deps.t('milestone.notYoursToUndo', { code: task.code }), { alert: true });
  if (milestone.doneOn === null) return turn.replies.answerButton(deps.t('milestone.notDone', { date: milestone.due, description: milestone.description }), { alert: true });
  await turn.replies.answerButton();
  await turn.replies.say(wordsOf(deps)('milestone.askUndoReason', { code: task.code, date: milestone.due, description: milestone.description }), {
    taskId: task.id, link: { purpose: 'milestoneUndoReason', refId: milestone.id }, forceReply: true,
  });
}

/** The reason came: the mark is undone, kept in the history with it, and the responsible person is told. */
export async function undoMark(deps: FlowDeps, turn: Turn, input: { milestoneId: number; reason: string }): Promise<void> {
  const t = wordsOf(deps);
  const milestone = await milestoneById(turn.tx, input.milestoneId);
  if (!milestone) return turn.replies.say(deps.t('answer.error.staleButton'));
  const { task } = await taskHistory(turn.tx, milestone.taskId, 0);
  if (!may.undoMilestoneMark(turn.speaker, task)) return turn.replies.say(t('milestone.notYoursToUndo', { code: task.code }));
  if (input.reason === '') return turn.replies.say(t('milestone.reasonNeeded'), { taskId: task.id, link: { purpose: 'milestoneUndoReason', refId: milestone.id }, forceReply: true });
  const by = turn.speaker.person?.name ?? turn.speaker.displayName;
  const undone = await undoMilestoneMark(turn.tx, { milestone, by: { personId: turn.speaker.personId, name: by }, reason: input.reason, now: turn.now });
  if (!undone) return turn.replies.say(t('milestone.notDone', { date: milestone.due, description: milestone.description }));
  const words = { code: task.code, date: milestone.due, description: milestone.description, by, reason: input.reason, owner: task.owner };
  if (task.ownerChat !== null) {
    await enqueueMessages(turn.tx, [{ dedupeKey: `milestone-undone:${milestone.id}:${turn.now.getTime()}`, chatId: task.ownerChat, personId: task.ownerId, taskId: task.id, text: t('milestone.undoneToOwner', words) }], turn.now);
  }
  await turn.replies.say(t('milestone.undoneToLeader', words));
}
