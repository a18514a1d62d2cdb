import { may } from '../domain/permissions.ts';
import { redeemInvite } from '../store/invites.ts';
import type { PersonCard } from '../store/people.ts';
import { openTasksOf } from '../store/tasks.ts';
import { wordsOf, type FlowDeps, type Turn } from './turn.ts';

const MAX_CODE_LENGTH = 64;

/** The person's open tasks: the ones they answer for, or, for a leader, lead; a line each. */
async function taskListText(deps: FlowDeps, turn: Turn, person: PersonCard): Promise<string> {
  const t = wordsOf(deps);
  const tasks = await openTasksOf(turn.tx, person.id, person.role);
  if (tasks.length === 0) return t('bot.tasks.none');
  const heading = t(person.role === 'leader' ? 'bot.tasks.leader' : 'bot.tasks.owner', { count: tasks.length });
  return [heading, ...tasks.map((task) => (task.due === null ? t('bot.tasks.lineStanding', { code: task.code, title: task.title }) : t('bot.tasks.line', { code: task.code, title: task.title, due: task.due })))].join('\n');
}

/**
 * `/start CODE` links the sender to the person the code was issued to and greets them with
 * their tasks; a deep link `t.me/<bot>?start=CODE` sends the same. A spent, wrong or missing
 * code gets an answer and links nothing.
 */
export async function linkAccount(deps: FlowDeps, turn: Turn, input: { code: string }): Promise<{ linked: PersonCard } | { refused: 'noCode' | 'accountTaken' | 'spent' | 'unknown' } | { welcomedBack: PersonCard }> {
  const t = wordsOf(deps);
  const code = input.code.slice(0, MAX_CODE_LENGTH);
  const known = turn.speaker.person;
  if (code === '') {
    if (!known) return (await turn.replies.say(t('bot.start.noCode')), { refused: 'noCode' });
    await turn.replies.say(`${t('bot.welcomeBack', { name: known.name, unit: known.unit })}\n\n${await taskListText(deps, turn, known)}`);
    return { welcomedBack: known };
  }
  const result = await redeemInvite(turn.tx, deps.inviteKey, code, turn.speaker.telegramUserId, turn.now);
  switch (result.outcome) {
    case 'linked':
      await turn.replies.say(`${t('bot.greeting', { name: result.person.name, unit: result.person.unit })}\n\n${await taskListText(deps, turn, result.person)}`);
      return { linked: result.person };
    case 'alreadyLinked':
      await turn.replies.say(`${t('bot.welcomeBack', { name: result.person.name, unit: result.person.unit })}\n\n${await taskListText(deps, turn, result.person)}`);
      return { welcomedBack: result.person };
    case 'accountTaken':
      await turn.replies.say(t('bot.start.accountTaken', { name: result.person.name, unit: result.person.unit }));
      return { refused: 'accountTaken' };
    case 'spent':
      await turn.replies.say(t('bot.start.spentCode'));
      return { refused: 'spent' };
    case 'unknown':
      await turn.replies.say(t('bot.start.unknownCode', { code }));
      return { refused: 'unknown' };
  }
}

/** `/tasks`: the sender's open tasks. */
export async function listTasks(deps: FlowDeps, turn: Turn, person: PersonCard): Promise<void> {
  await turn.replies.say(await taskListText(deps, turn, person));
}

/** `/whoami`: the person this account is linked to. */
export async function whoAmI(deps: FlowDeps, turn: Turn, person: PersonCard): Promise<void> {
  await turn.replies.say(wordsOf(deps)('bot.whoami', { name: person.name, unit: person.unit, roles: deps.t(`role.${person.role}`) }));
}

/** `/help`: the commands this person may use, and for someone not linked yet, how to get linked. */
export async function help(deps: FlowDeps, turn: Turn): Promise<void> {
  const t = wordsOf(deps);
  const { person } = turn.speaker;
  const lines = [t('bot.help.common')];
  if (person?.role === 'owner') lines.push(t('bot.help.owner'), t('bot.help.milestone'));
  if (may.lead(turn.speaker)) lines.push(t('bot.help.leader'));
  if (turn.speaker.isAdmin) lines.push(t('bot.help.admin'));
  if (!person) lines.push('', t('bot.help.unlinked'));
  await turn.replies.say(lines.join('\n'));
}

/** A word from the bot that needs no reading of the database: "not linked", "use the private chat", … */
export async function tell(deps: FlowDeps, turn: Turn, key: 'bot.unlinked' | 'bot.notUnderstood' | 'bot.privateOnly' | 'leader.notAllowed' | 'leader.wrongGroup' | 'desk.adminsOnly' | 'desk.tableAdminsOnly'): Promise<void> {
  await turn.replies.say(wordsOf(deps)(key));
}
