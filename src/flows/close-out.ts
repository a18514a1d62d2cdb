import { encodeButton } from '../domain/callback-data.ts';
import { may } from '../domain/permissions.ts';
import { closeOutById, decideCloseOut, latestCloseOut, requestCloseOut } from '../store/close-outs.ts';
import { taskByCode } from '../store/check-ins.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { taskHistory } from '../store/task-history.ts';
import { refuse, type AnswerOutcome } from './answer.ts';
import { wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** Evidence as kept with a close-out: `photo:<file id>` or `document:<file id>`. */
export type Evidence = `${'photo' | 'document'}:${string}`;

/** `/done CODE`: the responsible person asks to close a task out (销号); the evidence is asked for as a reply. */
export async function askToCloseOut(deps: FlowDeps, turn: Turn, input: { code: string }): Promise<AnswerOutcome | void> {
  const t = wordsOf(deps);
  if (input.code === '') return turn.replies.say(t('closeOut.usage'));
  const task = await taskByCode(turn.tx, input.code);
  if (!task) return refuse(deps, turn, 'unknownTask', { code: input.code });
  if (!may.answer(turn.speaker, task)) return refuse(deps, turn, 'notYours', { code: task.code });
  if (task.status !== 'open') return refuse(deps, turn, 'closed', { code: task.code });
  const pending = await latestCloseOut(turn.tx, task.id);
  if (pending && pending.decision === null) return turn.replies.say(t('closeOut.pendingAlready', { code: task.code }));
  await turn.replies.say(t('closeOut.askEvidence', { code: task.code }), { taskId: task.id, link: { purpose: 'closeOutEvidence', refId: null }, forceReply: true });
}

/**
 * The evidence came: files the request and sends it, with its evidence, to the leader in charge
 * (or, if they are not linked, to the admins) with buttons to confirm or send it back.
 */
export async function submitCloseOut(deps: FlowDeps, turn: Turn, input: { taskId: number; evidence: Evidence | null; note: string | null }): Promise<void> {
  const t = wordsOf(deps);
  if (input.evidence === null) return turn.replies.say(t('closeOut.needEvidence'));
  const { task } = await taskHistory(turn.tx, input.taskId, 0);
  const approvers = task.leaderChat !== null ? [task.leaderChat] : deps.config.adminIds;
  const evidence = [input.evidence];
  const id = await requestCloseOut(turn.tx, { taskId: task.id, personId: turn.speaker.personId!, evidence, note: input.note, now: turn.now });
  const messages: OutgoingMessage[] = approvers.flatMap((chatId) => [
    ...evidence.map((item, n): OutgoingMessage => {
      const [kind, fileId] = item.split(/:(.*)/s) as ['photo' | 'document', string];
      return { dedupeKey: `closeout:${id}:${chatId}:file:${n}`, chatId, taskId: task.id, text: '', file: { kind, fileId } };
    }),
    {
      dedupeKey: `closeout:${id}:${chatId}`, chatId, taskId: task.id,
      text: t('closeOut.toLeader', { code: task.code, title: task.title, unit: task.unit, owner: task.owner, note: input.note ?? '—', count: evidence.length }),
      replyMarkup: { inline_keyboard: [[
        { text: deps.t('closeOut.confirmButton'), callback_data: encodeButton({ kind: 'closeOutDecision', closeOutId: id, choice: 'ok' }) },
        { text: deps.t('closeOut.returnButton'), callback_data: encodeButton({ kind: 'closeOutDecision', closeOutId: id, choice: 'back' }) },
      ]] },
    },
  ]);
  await enqueueMessages(turn.tx, messages, turn.now);
  await turn.replies.say(t('closeOut.submitted', { code: task.code }));
}

/** The leader in charge (or an admin) taps confirm, or return, which asks why as a reply. */
export async function closeOutDecisionTapped(deps: FlowDeps, turn: Turn, input: { closeOutId: number; choice: 'ok' | 'back' }): Promise<void> {
  const closeOut = await closeOutById(turn.tx, input.closeOutId);
  if (!closeOut) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  const { task } = await taskHistory(turn.tx, closeOut.taskId, 0);
  if (!may.decideCloseOut(turn.speaker, task)) return turn.replies.answerButton(deps.t('closeOut.notYours', { code: task.code }), { alert: true });
  if (closeOut.decision !== null) return turn.replies.answerButton(deps.t('closeOut.decided'));
  await turn.replies.answerButton();
  if (input.choice === 'back') {
    return turn.replies.say(wordsOf(deps)('closeOut.askReason', { code: task.code }), { taskId: task.id, link: { purpose: 'returnReason', refId: closeOut.id }, forceReply: true });
  }
  await decide(deps, turn, closeOut.id, 'confirmed', null);
}

/** Records the decision and tells both sides; a return's reason is what the leader wrote. */
export async function decide(deps: FlowDeps, turn: Turn, closeOutId: number, outcome: 'confirmed' | 'returned', reason: string | null): Promise<void> {
  const closeOut = (await closeOutById(turn.tx, closeOutId))!;
  const { task } = await taskHistory(turn.tx, closeOut.taskId, 0);
  const t = wordsOf(deps);
  if (!may.decideCloseOut(turn.speaker, task)) return turn.replies.say(t('closeOut.notYours', { code: task.code }));
  const by = turn.speaker.person?.name ?? turn.speaker.displayName;
  if (!(await decideCloseOut(turn.tx, closeOutId, { outcome, by, reason, now: turn.now }))) return turn.replies.say(t('closeOut.decided'));
  if (task.ownerChat !== null) {
    const text = outcome === 'confirmed' ? t('closeOut.confirmedToOwner', { code: task.code, title: task.title, by }) : t('closeOut.returnedToOwner', { code: task.code, by, reason: reason ?? '' });
    await enqueueMessages(turn.tx, [{ dedupeKey: `closeout-decision:${closeOutId}`, chatId: task.ownerChat, personId: task.ownerId, taskId: task.id, text }], turn.now);
  }
  await turn.replies.say(t(outcome === 'confirmed' ? 'closeOut.confirmedToLeader' : 'closeOut.returnedToLeader', { code: task.code, owner: task.owner }));
}
