import { parseDeadline } from '../domain/deadline.ts';
import { suggest } from '../domain/suggest.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { taskByCode } from '../store/check-ins.ts';
import { changeDueDate, peopleOfUnit, personInUnit, reassignTask, withdrawTask } from '../store/task-changes.ts';
import { taskCodes, taskHistory } from '../store/task-history.ts';
import { actorOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

type Task = Awaited<ReturnType<typeof taskHistory>>['task'];

/** The task an admin named, open; or the answer saying why not, already given. */
async function openTask(deps: FlowDeps, turn: Turn, code: string, usage: MessageKey): Promise<Task | undefined> {
  const t = wordsOf(deps);
  if (code === '') return void (await turn.replies.say(t(usage)));
  const ref = await taskByCode(turn.tx, code);
  if (!ref) return void (await turn.replies.say(t('desk.change.unknownTask', { code, suggestions: suggest(code, await taskCodes(turn.tx)).join('、') || '—' })));
  if (ref.status !== 'open') return void (await turn.replies.say(t('desk.change.notOpen', { code: ref.code })));
  return (await taskHistory(turn.tx, ref.id, 0)).task;
}

/** Tells each linked person concerned, once each. */
async function notify(turn: Turn, task: Task, chats: readonly (number | null)[], text: string, kind: string): Promise<void> {
  const messages: OutgoingMessage[] = [...new Set(chats.filter((chat): chat is number => chat !== null && chat !== turn.speaker.telegramUserId))]
    .map((chatId) => ({ dedupeKey: `${kind}:${task.id}:${chatId}:${turn.replies.to.key}`, chatId, taskId: task.id, text }));
  await enqueueMessages(turn.tx, messages, turn.now);
}

/** `/withdraw CODE REASON`: an admin withdraws (撤销) a task; its owner and leader in charge are told why. */
export async function withdrawByAdmin(deps: FlowDeps, turn: Turn, input: { code: string; reason: string }): Promise<void> {
  const t = wordsOf(deps);
  const task = await openTask(deps, turn, input.code, 'desk.withdraw.usage');
  if (!task) return;
  if (input.reason === '') return turn.replies.say(t('desk.withdraw.needReason', { code: task.code }));
  await withdrawTask(turn.tx, task, input.reason, { actor: actorOf(turn), now: turn.now });
  await notify(turn, task, [task.ownerChat, task.leaderChat], t('desk.withdraw.notice', { code: task.code, title: task.title, reason: input.reason }), 'withdrawn');
  await turn.replies.say(t('desk.withdraw.done', { code: task.code, title: task.title }));
}

/** `/reassign CODE NAME`: an admin moves a task to another person of its unit; the old and new owner and the leader are told. */
export async function reassignByAdmin(deps: FlowDeps, turn: Turn, input: { code: string; name: string }): Promise<void> {
  const t = wordsOf(deps);
  const task = await openTask(deps, turn, input.code, 'desk.reassign.usage');
  if (!task) return;
  if (input.name === '') return turn.replies.say(t('desk.reassign.usage'));
  const person = await personInUnit(turn.tx, task.unit, input.name);
  if (!person) return turn.replies.say(t('desk.reassign.unknownPerson', { name: input.name, unit: task.unit, people: (await peopleOfUnit(turn.tx, task.unit)).join('、') || '—' }));
  if (person.id === task.ownerId) return turn.replies.say(t('desk.reassign.same', { code: task.code, name: person.name }));
  await reassignTask(turn.tx, task, { from: task.owner, to: person }, { actor: actorOf(turn), now: turn.now });
  const notice = t('desk.reassign.notice', { code: task.code, title: task.title, from: task.owner, to: person.name });
  await notify(turn, task, [task.ownerChat, person.telegramUserId, task.leaderChat], notice, 'reassigned');
  await turn.replies.say(t(person.telegramUserId === null ? 'desk.reassign.doneUnlinked' : 'desk.reassign.done', { code: task.code, name: person.name }));
}

/** `/due CODE DATE`: an admin moves a task's due date (a date with its year, or 长期); the owner and leader are told. */
export async function changeDueByAdmin(deps: FlowDeps, turn: Turn, input: { code: string; due: string }): Promise<void> {
  const t = wordsOf(deps);
  const task = await openTask(deps, turn, input.code, 'desk.due.usage');
  if (!task) return;
  // No table title to take a year from: a date written without its year is asked again, never guessed.
  const read = input.due === '' ? undefined : parseDeadline(input.due, null);
  if (!read?.ok) return turn.replies.say(t('desk.due.bad', { value: input.due }));
  const to = read.value.kind === 'standing' ? null : read.value.due;
  if (to === task.dueDate) return turn.replies.say(t('desk.due.same', { code: task.code }));
  await changeDueDate(turn.tx, task, { from: task.dueDate, to }, { actor: actorOf(turn), now: turn.now });
  const [from, until] = [task.dueDate ?? deps.t('table.standing'), to ?? deps.t('table.standing')];
  await notify(turn, task, [task.ownerChat, task.leaderChat], t('desk.due.notice', { code: task.code, title: task.title, from, to: until }), 'due');
  await turn.replies.say(t('desk.due.done', { code: task.code, from, to: until }));
}
