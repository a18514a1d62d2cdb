import { encodeButton } from '../domain/callback-data.ts';
import { parseCalendarDate } from '../domain/calendar-date.ts';
import { recordAudit } from '../store/audit-log.ts';
import { leadersOfOwner, leaveById, linkedColleagues, linkedPeopleNamed, recordLeave, setDeputy, type Leave } from '../store/leaves.ts';
import { enqueueMessages, type OutgoingMessage } from '../store/outbox.ts';
import { openTasksOf } from '../store/tasks.ts';
import { allPeople } from '../store/people.ts';
import { actorOf, clockOf, wordsOf, type FlowDeps, type Turn } from './turn.ts';

/** Colleagues offered as deputies, a button each: a phone shows eight without scrolling. */
const MOST_OFFERED = 8;

/**
 * `/leave FROM TO [DEPUTY]` by the person, or `/leave NAME FROM TO [DEPUTY]` by an admin for
 * them: the leave is recorded; a deputy named is a linked person (of the person's unit first);
 * none named, the bot offers the linked colleagues of the person's unit, and nobody.
 */
export async function leaveCommand(deps: FlowDeps, turn: Turn, input: { payload: string }): Promise<void> {
  const t = wordsOf(deps);
  const words = input.payload.trim().split(/\s+/).filter(Boolean);
  const forSelf = words.length > 0 && parseCalendarDate(words[0]!).ok;
  if (words.length < 2 || (!forSelf && !turn.speaker.isAdmin)) return turn.replies.say(t('leave.usage'));
  let person: { id: number; name: string };
  if (forSelf) {
    if (!turn.speaker.person) return turn.replies.say(t('bot.unlinked'));
    person = turn.speaker.person;
  } else {
    const named = (await allPeople(turn.tx)).filter((candidate) => candidate.name === words[0]);
    if (named.length !== 1) return turn.replies.say(t(named.length === 0 ? 'leave.unknownPerson' : 'leave.severalPeople', { name: words[0]!, units: named.map((candidate) => candidate.unit).join('、') }));
    person = named[0]!;
  }
  const [fromWord = '', toWord = '', deputyName] = forSelf ? words : words.slice(1);
  const from = parseCalendarDate(fromWord);
  const to = parseCalendarDate(toWord);
  if (!from.ok || !to.ok) return turn.replies.say(t('leave.badDate', { value: !from.ok ? fromWord : toWord }));
  if (from.value > to.value) return turn.replies.say(t('leave.backwards', { from: from.value, to: to.value }));
  if (to.value < clockOf(deps, turn).today) return turn.replies.say(t('leave.past', { to: to.value }));
  let deputyId: number | null = null;
  if (deputyName !== undefined) {
    const candidates = await linkedPeopleNamed(turn.tx, deputyName, person.id);
    const chosen = candidates.filter((candidate) => candidate.sameUnit).length === 1 ? candidates.find((candidate) => candidate.sameUnit)! : candidates.length === 1 ? candidates[0]! : undefined;
    if (!chosen) return turn.replies.say(t(candidates.length === 0 ? 'leave.unknownDeputy' : 'leave.severalDeputies', { name: deputyName, units: candidates.map((candidate) => candidate.unit).join('、') }));
    if (chosen.id === person.id) return turn.replies.say(t('leave.selfDeputy'));
    deputyId = chosen.id;
  }
  const id = await recordLeave(turn.tx, { personId: person.id, fromDay: from.value, toDay: to.value, deputyId, createdBy: actorOf(turn), now: turn.now });
  await recordAudit(turn.tx, turn.now, { actor: actorOf(turn), action: 'leave', subject: person.name, detail: { from: from.value, to: to.value, deputyId } });
  const leave = (await leaveById(turn.tx, id))!;
  if (deputyName !== undefined) return settled(deps, turn, leave);
  const colleagues = (await linkedColleagues(turn.tx, person.id)).slice(0, MOST_OFFERED);
  const keyboard = [
    ...colleagues.map((colleague) => [{ text: colleague.name, callback_data: encodeButton({ kind: 'deputyChoice', leaveId: id, personId: colleague.id }) }]),
    [{ text: deps.t('leave.nobodyButton'), callback_data: encodeButton({ kind: 'deputyChoice', leaveId: id, personId: 0 }) }],
  ];
  await turn.replies.say(t('leave.chooseDeputy', { person: person.name, from: from.value, to: to.value }), { keyboard });
}

/** A deputy chosen from the offered colleagues (or nobody): by the person on leave, or an admin. */
export async function deputyChosen(deps: FlowDeps, turn: Turn, input: { leaveId: number; personId: number }): Promise<void> {
  const leave = await leaveById(turn.tx, input.leaveId);
  if (!leave) return turn.replies.answerButton(deps.t('answer.error.staleButton'), { alert: true });
  if (turn.speaker.personId !== leave.personId && !turn.speaker.isAdmin) return turn.replies.answerButton(deps.t('leave.notYours'), { alert: true });
  await setDeputy(turn.tx, leave.id, input.personId === 0 ? null : input.personId);
  await turn.replies.answerButton();
  await settled(deps, turn, (await leaveById(turn.tx, leave.id))!);
}

/**
 * A leave with its deputy settled: the person (or the admin) is told, the deputy learns whose
 * tasks they answer and until when, and each leader in charge of the person's tasks who stands
 * in — or that nobody does, and the tasks show as on leave.
 */
async function settled(deps: FlowDeps, turn: Turn, leave: Leave): Promise<void> {
  const t = wordsOf(deps);
  const tasks = await openTasksOf(turn.tx, leave.personId, 'owner');
  const codes = tasks.map((task) => task.code).join('、') || '—';
  const messages: OutgoingMessage[] = [];
  const key = `leave:${leave.id}:${leave.deputyId ?? 0}`;
  if (leave.deputyChat !== null) messages.push({ dedupeKey: `${key}:deputy`, chatId: leave.deputyChat, personId: leave.deputyId, text: t('leave.toDeputy', { person: leave.person, from: leave.fromDay, to: leave.toDay, codes }) });
  const leaders = new Map((await leadersOfOwner(turn.tx, leave.personId)).filter((leader) => leader.chatId !== null).map((leader) => [leader.chatId!, leader.leaderId]));
  const toLeader = leave.deputy ? t('leave.toLeader', { person: leave.person, from: leave.fromDay, to: leave.toDay, deputy: leave.deputy, codes }) : t('leave.toLeaderNobody', { person: leave.person, from: leave.fromDay, to: leave.toDay, codes });
  for (const [chatId, leaderId] of leaders) if (chatId !== turn.speaker.telegramUserId) messages.push({ dedupeKey: `${key}:leader:${leaderId}`, chatId, personId: leaderId, text: toLeader });
  await enqueueMessages(turn.tx, messages, turn.now);
  await turn.replies.say(leave.deputy ? t('leave.recorded', { person: leave.person, from: leave.fromDay, to: leave.toDay, deputy: leave.deputy }) : t('leave.recordedNobody', { person: leave.person, from: leave.fromDay, to: leave.toDay }));
}

