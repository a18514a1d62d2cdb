import { encodeButton } from '../domain/callback-data.ts';
import { parseCalendarDate, type CalendarDate } from '../domain/calendar-date.ts';
import { may } from '../domain/permissions.ts';
import { taskByCode } from '../store/check-ins.ts';
import { decideExtension, extensionById, extensionsOf, giveRefusalReason, requestExtension } from '../store/extensions.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { changeDueDate } from '../store/task-changes.ts';
import { taskHistory } from '../store/task-history.ts';
import { refuse } from './answer.ts';
import { actorOf, clockOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/**
 * `/extend CODE DATE REASON`: the responsible person asks to move a due date (延期申请); the leader
 * in charge (or, if not linked, the admins) gets it with Approve and Refuse. Refused without a
 * later date, a reason, or while an earlier request waits.
 */
export async function askExtension(deps: FlowDeps, turn: Turn, input: { payload: string }): Promise<void> {
  const t = wordsOf(deps);
  const [, code = '', date = '', reason = ''] = /^(\S*)\s*(\S*)\s*([\s\S]*)$/.exec(input.payload.trim()) ?? [];
  if (code === '' || date === '') return turn.replies.say(t('extend.usage'));
  const ref = await taskByCode(turn.tx, code);
  if (!ref) return void (await refuse(deps, turn, 'unknownTask', { code }));
  if (!may.answer(turn.speaker, ref)) return void (await refuse(deps, turn, 'notYours', { code: ref.code }));
  if (ref.status !== 'open') return void (await refuse(deps, turn, 'closed', { code: ref.code }));
  const { task } = await taskHistory(turn.tx, ref.id, 0);
  if (task.dueDate === null) return turn.replies.say(t('extend.standing', { code: task.code }));
  const asked = parseCalendarDate(date);
  if (!asked.ok) return turn.replies.say(t('extend.badDate', { value: date }));
  if (asked.value <= task.dueDate) return turn.replies.say(t('extend.notLater', { date: asked.value, due: task.dueDate }));
  if (reason.trim() === '') return turn.replies.say(t('extend.needReason', { code: task.code }));
  if ((await extensionsOf(turn.tx, task.id)).some((request) => request.decision === null)) return turn.replies.say(t('extend.pendingAlready', { code: task.code }));
  const id = await requestExtension(turn.tx, { taskId: task.id, personId: turn.speaker.personId!, dueBefore: task.dueDate as CalendarDate, dueAsked: asked.value, reason: reason.trim(), now: turn.now });
  const deciders = task.leaderChat !== null ? [task.leaderChat] : deps.config.adminIds;
  const keyboard = [[
    { text: deps.t('extend.approveButton'), callback_data: encodeButton({ kind: 'extensionDecision', requestId: id, choice: 'ok' }) },
    { text: deps.t('extend.refuseButton'), callback_data: encodeButton({ kind: 'extensionDecision', requestId: id, choice: 'no' }) },
  ]];
  const text = t('extend.toLeader', { code: task.code, title: task.title, unit: task.unit, owner: task.owner, due: task.dueDate, asked: asked.value, reason: reason.trim() });
  await enqueueMessages(turn.tx, deciders.map((chatId): OutgoingMessage => ({ dedupeKey: `extension:${id}:${chatId}`, chatId, taskId: task.id, text, replyMarkup: { inline_keyboard: keyboard } })), turn.now);
  await turn.replies.say(t('extend.submitted', { code: task.code, asked: asked.value }));
}

/**
 * The leader in charge (or an admin) taps Approve — the due date moves, the original kept in the
 * task's history and on the public board — or Refuse, decided at once, with a reason if they
 * reply with one. Either is told to the responsible person; a second tap changes nothing.
 */
export async function extensionTapped(deps: FlowDeps, turn: Turn, input: { requestId: number; choice: 'ok' | 'no' }): Promise<void> {
  const t = wordsOf(deps);
  const request = await extensionById(turn.tx, input.requestId);
  if (!request) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  const { task } = await taskHistory(turn.tx, request.taskId, 0);
  if (!may.decideExtension(turn.speaker, task)) return turn.replies.answerButton(deps.t('extend.notYours', { code: task.code }), { alert: true });
  const by = turn.speaker.person?.name ?? turn.speaker.displayName;
  const outcome = input.choice === 'ok' ? 'approved' : 'refused';
  if (!(await decideExtension(turn.tx, request.id, { outcome, by, now: turn.now }))) return turn.replies.answerButton(deps.t('extend.decided'));
  await turn.replies.answerButton();
  if (outcome === 'approved') await changeDueDate(turn.tx, task, { from: task.dueDate, to: request.dueAsked }, { actor: actorOf(turn), now: turn.now });
  if (task.ownerChat !== null) {
    const text = outcome === 'approved' ? t('extend.approvedToOwner', { code: task.code, by, due: request.dueAsked, before: request.dueBefore }) : t('extend.refusedToOwner', { code: task.code, by, asked: request.dueAsked, due: request.dueBefore });
    await enqueueMessages(turn.tx, [{ dedupeKey: `extension-decision:${request.id}`, chatId: task.ownerChat, personId: task.ownerId, taskId: task.id, text }], turn.now);
  }
  if (outcome === 'approved') return turn.replies.say(t('extend.approvedToLeader', { code: task.code, due: request.dueAsked, owner: task.owner }));
  await turn.replies.say(t('extend.refusedToLeader', { code: task.code, owner: task.owner }), { taskId: task.id, link: { purpose: 'extensionReason', refId: request.id }, forceReply: true });
}

/** A reply to a refusal: why, kept with the request and told to the responsible person. */
export async function extensionRefusalReason(deps: FlowDeps, turn: Turn, input: { requestId: number; reason: string }): Promise<void> {
  const t = wordsOf(deps);
  const request = (await extensionById(turn.tx, input.requestId))!;
  const { task } = await taskHistory(turn.tx, request.taskId, 0);
  if (!may.decideExtension(turn.speaker, task)) return turn.replies.say(t('extend.notYours', { code: task.code }));
  await giveRefusalReason(turn.tx, request.id, input.reason);
  if (task.ownerChat !== null) {
    await enqueueMessages(turn.tx, [{ dedupeKey: `extension-reason:${request.id}:${turn.replies.to.key}`, chatId: task.ownerChat, personId: task.ownerId, taskId: task.id, text: t('extend.reasonToOwner', { code: task.code, reason: input.reason }) }], turn.now);
  }
  await turn.replies.say(t('extend.reasonKept', { code: task.code, owner: task.owner, on: clockOf(deps, turn).local(request.decidedAt!) }));
}
