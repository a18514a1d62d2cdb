import { standingInFor } from '../store/leaves.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { resolveAnswer, type AnswerProblem } from '../domain/answer-rules.ts';
import { parseReportText, type ButtonValue, type ReportText } from '../domain/report-text.ts';
import { may } from '../domain/permissions.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { answerRecordedMessage } from '../render/answer-message.ts';
import { amendCheckIn, checkInFromMessage, insertCheckIn, latestAnswerIn, latestPercent, recordedAnswer, taskById, taskByCode, type CheckInRow, type StoredCheckIn, type TaskRef } from '../store/check-ins.ts';
import { answeringCycle } from '../store/cycles.ts';
import { openTasksOf } from '../store/tasks.ts';
import { weekOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** The message an answer was written in: editing it later corrects the answer. */
export interface SourceMessage {
  chatId: number;
  messageId: number;
}

type Via = CheckInRow['via'];
export type RefusedAnswer = AnswerProblem | 'unknownTask' | 'whichTask' | 'noCheckIn' | 'noTasks' | 'range' | 'reportUsage' | 'editTooLate';
export type AnswerOutcome = { recorded: true; checkInId: number } | { recorded: false; problem: RefusedAnswer };

/** Why an answer was not recorded, in words, with the person's own task codes where they help. */
export async function refuse(deps: FlowDeps, turn: Turn, problem: RefusedAnswer, params: { code?: string; value?: string } = {}): Promise<AnswerOutcome> {
  const person = turn.speaker.person;
  const codes = person ? (await openTasksOf(turn.tx, person.id, 'owner')).map((task) => task.code).join('、') : '';
  await turn.replies.say(wordsOf(deps)(`answer.error.${problem}` as MessageKey, { code: params.code ?? '', value: params.value ?? '', codes: codes || '—' }));
  return { recorded: false, problem };
}

interface NewAnswer {
  report: Pick<ReportText, 'percent' | 'blocked' | 'sameAsBefore' | 'note' | 'problems' | 'nextSteps'>;
  evidence: readonly string[];
  via: Via;
  source: SourceMessage | null;
  /** How the acknowledgement reads: a new answer asks for a note after a button; a correction says so. */
  acknowledge: 'askForNote' | 'correctable' | 'corrected';
}

/**
 * Whether the speaker may answer for the task, and as whom: its responsible person, or the deputy
 * who stands in for them today while they are on leave (代报). Asked of the leaves only when the
 * speaker is not the owner: every answer asks.
 */
async function answeringAs(deps: FlowDeps, turn: Turn, task: TaskRef): Promise<'owner' | 'deputy' | undefined> {
  if (may.answer(turn.speaker, task)) return 'owner';
  if (turn.speaker.personId === null) return undefined;
  return (await standingInFor(turn.tx, turn.speaker.personId, calendarDateIn(turn.now, deps.config.timezone))).has(task.ownerId) ? 'deputy' : undefined;
}

/**
 * Records an answer for the cycle that takes answers now (late once it has closed) and queues
 * its acknowledgement, saying exactly what was recorded. A second answer in the same cycle is a
 * correction: the last counts, the earlier stay as history.
 */
async function record(deps: FlowDeps, turn: Turn, task: TaskRef, answer: NewAnswer): Promise<AnswerOutcome> {
  const { tx, speaker } = turn;
  const answering = await answeringAs(deps, turn, task);
  const resolved = resolveAnswer({ mayAnswer: answering !== undefined, isOpen: task.status === 'open', change: answer.report, previous: (await latestPercent(tx, task.id)) ?? null });
  if (!resolved.ok && resolved.problem === 'noEarlierBlocked') {
    // The percent is asked for in reply, which is then recorded as blocked.
    await turn.replies.answerButton();
    await turn.replies.say(wordsOf(deps)('answer.blockedAskPercent', { code: task.code }), { taskId: task.id, link: { purpose: 'blockedPercent', refId: null }, forceReply: true });
    return { recorded: false, problem: resolved.problem };
  }
  if (!resolved.ok) return refuse(deps, turn, resolved.problem, { code: task.code });
  const cycle = await answeringCycle(tx, weekOf(deps, turn));
  const row: CheckInRow = {
    taskId: task.id, cycleId: cycle.id, personId: speaker.personId!, percent: resolved.percent, blocked: resolved.blocked ? 1 : 0,
    note: answer.report.note, problems: answer.report.problems, nextSteps: answer.report.nextSteps, evidence: JSON.stringify(answer.evidence),
    late: cycle.closedAt !== null ? 1 : 0, reportedAt: turn.now.toISOString(), via: answer.via,
    sourceChatId: answer.source?.chatId ?? null, sourceMessageId: answer.source?.messageId ?? null, onBehalfOf: answering === 'deputy' ? task.ownerId : null,
  };
  const checkInId = await insertCheckIn(tx, row);
  await turn.replies.say(answerRecordedMessage(recordedAnswer(task, row), deps.t, { ending: answer.acknowledge }), { taskId: task.id, forceReply: answer.acknowledge === 'askForNote' });
  await turn.replies.answerButton(`✅ ${task.code} ${row.percent}%`);
  return { recorded: true, checkInId };
}

/** A tap on a prompt's progress button: recorded at once, then a note is asked for (a forced reply). */
export async function answerByButton(deps: FlowDeps, turn: Turn, input: { taskId: number; value: ButtonValue }): Promise<AnswerOutcome> {
  const task = await taskById(turn.tx, input.taskId);
  if (!task) {
    await turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
    return { recorded: false, problem: 'unknownTask' };
  }
  const { value } = input;
  const report = { percent: typeof value === 'number' ? value : null, blocked: value === 'blocked', sameAsBefore: value === 'same', note: null, problems: null, nextSteps: null };
  const outcome = await record(deps, turn, task, { report, evidence: [], via: 'button', source: null, acknowledge: 'askForNote' });
  await turn.replies.answerButton();
  return outcome;
}

/** `/report CODE PERCENT% NOTE`: an answer in one message. */
export async function answerByReport(deps: FlowDeps, turn: Turn, input: { code: string; text: string; source: SourceMessage }): Promise<AnswerOutcome> {
  const task = await taskByCode(turn.tx, input.code);
  if (!task) return refuse(deps, turn, 'unknownTask', { code: input.code });
  return answerWithText(deps, turn, task, { text: input.text, evidence: [], via: 'command', source: input.source });
}

/**
 * What a person wrote about a task: with a percent (or "no change", "blocked") it is a new
 * answer; without, it completes their latest answer this cycle with a note or evidence. `blocked`:
 * the text answers "what percent, blocked?", asked after 受阻 was tapped with no earlier answer.
 */
export async function answerWithText(deps: FlowDeps, turn: Turn, task: TaskRef, input: { text: string; evidence: readonly string[]; via: Via; source: SourceMessage; blocked?: boolean }): Promise<AnswerOutcome> {
  const parsed = parseReportText(input.text);
  if (!parsed.ok) return refuse(deps, turn, 'range', { value: parsed.value ?? input.text });
  const report = input.blocked ? { ...parsed.value, blocked: true } : parsed.value;
  if (report.percent !== null || report.blocked || report.sameAsBefore) return record(deps, turn, task, { report, evidence: input.evidence, via: input.via, source: input.source, acknowledge: 'correctable' });

  if ((await answeringAs(deps, turn, task)) === undefined) return refuse(deps, turn, 'notYours', { code: task.code });
  if (task.status !== 'open') return refuse(deps, turn, 'closed', { code: task.code });
  const cycle = await answeringCycle(turn.tx, weekOf(deps, turn));
  const latest = await latestAnswerIn(turn.tx, task.id, turn.speaker.personId!, cycle.id);
  if (!latest) return refuse(deps, turn, input.evidence.length > 0 && !report.note ? 'noCheckIn' : 'missingPercent', { code: task.code });
  const join = (before: string | null, added: string | null) => [before, added].filter(Boolean).join('\n') || null;
  const amended = {
    note: join(latest.note, report.note), problems: join(latest.problems, report.problems), nextSteps: join(latest.nextSteps, report.nextSteps),
    evidence: JSON.stringify([...(JSON.parse(latest.evidence) as string[]), ...input.evidence]),
    sourceChatId: input.source.chatId, sourceMessageId: input.source.messageId,
  };
  await amendCheckIn(turn.tx, latest.id, amended);
  await turn.replies.say(answerRecordedMessage(recordedAnswer(task, { ...latest, ...amended }), deps.t, { ending: 'correctable' }), { taskId: task.id });
  return { recorded: true, checkInId: latest.id };
}

/**
 * A person edited the message an answer was written in: within the answer's cycle the edited
 * text replaces it, as a correction (a new check-in; the old stays as history) acknowledged as
 * one. Undefined when the message recorded nothing, so that the edit is read as a new message.
 */
export async function correctByEdit(deps: FlowDeps, turn: Turn, input: { text: string; source: SourceMessage }): Promise<AnswerOutcome | undefined> {
  const personId = turn.speaker.personId;
  const before = personId === null ? undefined : await checkInFromMessage(turn.tx, personId, input.source.chatId, input.source.messageId);
  if (!before) return undefined;
  const task = (await taskById(turn.tx, before.taskId))!;
  const cycle = await answeringCycle(turn.tx, weekOf(deps, turn));
  if (before.cycleId !== cycle.id) return refuse(deps, turn, 'editTooLate', { code: task.code });
  const text = before.via === 'command' ? stripCode(input.text, task.code) : input.text;
  const parsed = parseReportText(text);
  if (!parsed.ok) return refuse(deps, turn, 'range', { value: parsed.value ?? text });
  const report = parsed.value.percent !== null || parsed.value.blocked || parsed.value.sameAsBefore ? parsed.value : { ...parsed.value, ...keptProgress(before) };
  return record(deps, turn, task, { report, evidence: JSON.parse(before.evidence) as string[], via: before.via, source: input.source, acknowledge: 'corrected' });
}

/** An edited text without a percent keeps the percent it corrects (the note was what changed). */
const keptProgress = (before: StoredCheckIn) => ({ percent: before.percent, blocked: before.blocked === 1, sameAsBefore: false });

/** `/report ZX-01 60% …` or `ZX-01 60% …` as edited: the answer's words without the command and code. */
function stripCode(text: string, code: string): string {
  const words = text.trim().replace(/^\/report(?:@\w+)?\s+/, '');
  return words.toUpperCase().startsWith(code.toUpperCase()) ? words.slice(code.length).trim() : words;
}
