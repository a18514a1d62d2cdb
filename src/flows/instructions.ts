import { extensionRefusalReason } from './extensions.ts';
import { encodeButton } from '../domain/callback-data.ts';
import { may } from '../domain/permissions.ts';
import { taskByCode } from '../store/check-ins.ts';
import { acknowledgeInstruction, createInstruction, instructionById, instructionKey } from '../store/instructions.ts';
import { enqueueMessages, linkOfMessage } from '../store/outbox.ts';
import { taskCodes, taskHistory } from '../store/task-history.ts';
import { decide } from './close-out.ts';
import { undoMark } from './milestones.ts';
import { refuse } from './answer.ts';
import { clockOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/**
 * Records a leader's instruction (批示) and queues it for the responsible person, with a button
 * to acknowledge it; tells the leader whether it can reach them.
 */
export async function giveInstruction(deps: FlowDeps, turn: Turn, taskId: number, text: string): Promise<void> {
  const t = wordsOf(deps);
  const { task } = await taskHistory(turn.tx, taskId, 0);
  const author = turn.speaker.person?.name ?? turn.speaker.displayName;
  const id = await createInstruction(turn.tx, { taskId, authorId: turn.speaker.personId, authorName: author, authorChatId: turn.speaker.telegramUserId, text, now: turn.now });
  if (task.ownerChat !== null) {
    await enqueueMessages(turn.tx, [{
      dedupeKey: instructionKey(id), chatId: task.ownerChat, personId: task.ownerId, taskId,
      text: t('instruct.toOwner', { author, code: task.code, title: task.title, text }),
      replyMarkup: { inline_keyboard: [[{ text: deps.t('instruct.ackButton'), callback_data: encodeButton({ kind: 'instructionAck', instructionId: id }) }]] },
    }], turn.now);
  }
  await turn.replies.say(t(task.ownerChat === null ? 'instruct.ownerUnlinked' : 'instruct.sent', { owner: task.owner, unit: task.unit }));
}

/** `/instruct CODE TEXT`. */
export async function instruct(deps: FlowDeps, turn: Turn, input: { code: string; text: string }): Promise<void> {
  if (input.code === '' || input.text === '') return turn.replies.say(wordsOf(deps)('instruct.usage'));
  const task = await taskByCode(turn.tx, input.code);
  if (!task) return void (await refuse(deps, turn, 'unknownTask', { code: input.code }));
  await giveInstruction(deps, turn, task.id, input.text);
}

/** The responsible person taps "read": the leader is told when. */
export async function acknowledgeTapped(deps: FlowDeps, turn: Turn, input: { instructionId: number }): Promise<void> {
  const instruction = await instructionById(turn.tx, input.instructionId);
  const history = instruction && (await taskHistory(turn.tx, instruction.taskId, 0));
  if (!instruction || !history || !may.answer(turn.speaker, history.task)) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  if (!(await acknowledgeInstruction(turn.tx, instruction.id, turn.now))) return turn.replies.answerButton(deps.t('instruct.ackedAlready'));
  const t = wordsOf(deps);
  const at = clockOf(deps, turn).local(turn.now.toISOString());
  const { task } = history;
  await enqueueMessages(turn.tx, [{ dedupeKey: `instruction-ack:${instruction.id}`, chatId: instruction.authorChatId, taskId: task.id, text: t('instruct.toAuthor', { owner: task.owner, unit: task.unit, code: task.code, at }) }], turn.now);
  await turn.replies.answerButton(deps.t('instruct.acked'));
  await turn.replies.say(`✅ ${t('instruct.acked')}`);
}

/**
 * A leader's reply: to "why send it back?" or "why undo this mark?" it is the reason; to a /task answer it is an
 * instruction on that task; to a digest line it is an instruction on the task whose code the
 * quoted part names. Returns false for a reply that is not a leader's business (their own task
 * as its owner, a reply to someone else), which then goes on as anyone's message.
 */
export async function leaderReplied(deps: FlowDeps, turn: Turn, input: { chatId: number; text: string; repliedTo: number; repliedToBot: boolean; quote: string }): Promise<boolean> {
  const link = await linkOfMessage(turn.tx, input.chatId, input.repliedTo);
  // A leader may also score units: a reply to their card is their scores, not an instruction.
  if (link?.purpose === 'scoreCard') return false;
  if (link?.purpose === 'returnReason' && link.refId !== null) return (await decide(deps, turn, link.refId, 'returned', input.text), true);
  if (link?.purpose === 'milestoneUndoReason' && link.refId !== null) return (await undoMark(deps, turn, { milestoneId: link.refId, reason: input.text }), true);
  if (link?.purpose === 'extensionReason' && link.refId !== null) return (await extensionRefusalReason(deps, turn, { requestId: link.refId, reason: input.text }), true);
  if (link?.purpose === 'task') {
    const { task } = await taskHistory(turn.tx, link.taskId, 0);
    if (task.ownerId === turn.speaker.personId) return false;
    return (await giveInstruction(deps, turn, link.taskId, input.text), true);
  }
  const codes = (await taskCodes(turn.tx)).filter((code) => input.quote.includes(code));
  if (codes.length === 1) return (await giveInstruction(deps, turn, (await taskByCode(turn.tx, codes[0]!))!.id, input.text), true);
  if (link === undefined && !input.repliedToBot) return false;
  await turn.replies.say(wordsOf(deps)('instruct.whichTask'));
  return true;
}
