import { answeringCycle } from '../store/cycles.ts';
import { taskAwaitingNote, taskByCode, taskById, type TaskRef } from '../store/check-ins.ts';
import { linkOfMessage } from '../store/outbox.ts';
import { openTasksOf } from '../store/tasks.ts';
import { answerWithText, correctByEdit, refuse, type AnswerOutcome, type RefusedAnswer, type SourceMessage } from './answer.ts';
import { scoreByReply } from './assessment-scoring.ts';
import { submitCloseOut, type Evidence } from './close-out.ts';
import { addEvidenceToMark, markMilestone } from './milestones.ts';
import { parseMarkRequest } from '../domain/milestone-mark.ts';
import { weekOf, type FlowDeps, type Turn } from './turn.ts';

/** How long after a button answer a plain text is taken as its note. */
const NOTE_WINDOW_MS = 2 * 60 * 60 * 1000;

/** A linked person's text, photo or document in their private chat. */
export interface PersonMessage {
  source: SourceMessage;
  /** The text, or a file's caption ('' for none). */
  text: string;
  evidence: Evidence | null;
  /** The bot's message this one replies to, if any. */
  repliedTo: number | undefined;
  /** An edit of a message sent before: it corrects the answer written in it. */
  edited: boolean;
}

type Target = { task: TaskRef; text: string; via: 'reply' | 'command' } | { problem: RefusedAnswer; code?: string };

/**
 * Which task a message is about: the one the message replies to; else a task code it starts
 * with; else the task whose button was just tapped; else the person's only open task.
 */
async function targetOf(deps: FlowDeps, turn: Turn, message: PersonMessage, link: { taskId: number } | undefined): Promise<Target> {
  const { tx } = turn;
  const replied = link && (await taskById(tx, link.taskId));
  if (replied) return { task: replied, text: message.text, via: 'reply' };
  const leading = /^(\S+)(?:\s+|$)/.exec(message.text);
  const coded = leading && /\d/.test(leading[1]!) ? await taskByCode(tx, leading[1]!) : undefined;
  if (coded) return { task: coded, text: message.text.slice(leading![0].length), via: 'command' };
  const personId = turn.speaker.personId!;
  const awaiting = await taskAwaitingNote(tx, personId, await answeringCycle(tx, weekOf(deps, turn)), new Date(turn.now.getTime() - NOTE_WINDOW_MS));
  if (awaiting !== undefined) return { task: (await taskById(tx, awaiting))!, text: message.text, via: 'reply' };
  const open = await openTasksOf(tx, personId, 'owner');
  if (open.length === 0) return { problem: 'noTasks' };
  if (open.length > 1) return { problem: 'whichTask' };
  return { task: (await taskByCode(tx, open[0]!.code))!, text: message.text, via: 'reply' };
}

/**
 * What a person wrote: their scores on an assessment card (a reply to it), the evidence of a
 * close-out or of a milestone marked done, a correction of
 * an earlier answer (an edit), a milestone marked done (`/milestone`, 「节点完成」), the percent
 * asked for after 受阻, or an answer — a one-line report, the note after a button, or evidence —
 * for the task it is about.
 */
export async function personWrote(deps: FlowDeps, turn: Turn, message: PersonMessage): Promise<AnswerOutcome | void> {
  if (message.edited) {
    const corrected = await correctByEdit(deps, turn, { text: message.text, source: message.source });
    if (corrected) return corrected;
  }
  const link = message.repliedTo === undefined ? undefined : await linkOfMessage(turn.tx, message.source.chatId, message.repliedTo);
  if (link?.purpose === 'scoreCard') return scoreByReply(deps, turn, { cardId: link.refId, text: message.text });
  if (link?.purpose === 'closeOutEvidence') return submitCloseOut(deps, turn, { taskId: link.taskId, evidence: message.evidence, note: message.text.trim() || null });
  if (link?.purpose === 'milestoneEvidence' && link.refId !== null) return addEvidenceToMark(deps, turn, { markId: link.refId, evidence: message.evidence });
  const mark = parseMarkRequest(message.text);
  if (mark?.code) {
    const task = await taskByCode(turn.tx, mark.code);
    if (!task) return refuse(deps, turn, 'unknownTask', { code: mark.code });
    return markMilestone(deps, turn, { task, request: mark, evidence: message.evidence });
  }
  const target = await targetOf(deps, turn, message, link);
  if ('problem' in target) return refuse(deps, turn, target.problem, { code: target.code });
  if (mark) return markMilestone(deps, turn, { task: target.task, request: mark, evidence: message.evidence });
  const evidence = message.evidence ? [message.evidence.slice(message.evidence.indexOf(':') + 1)] : [];
  return answerWithText(deps, turn, target.task, { text: target.text, evidence, via: target.via, source: message.source, blocked: link?.purpose === 'blockedPercent' });
}
