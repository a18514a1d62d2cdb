import { openTasksOf } from '../store/tasks.ts';
import type { PersonCard } from '../store/people.ts';
import type { BotDeps } from './context.ts';

/** The person's open tasks as one text: the ones they answer for, or, for a leader, lead. */
export async function taskListText({ db, t }: Pick<BotDeps, 'db' | 't'>, person: PersonCard): Promise<string> {
  const tasks = await openTasksOf(db, person.id, person.role);
  if (tasks.length === 0) return t('bot.tasks.none');
  const heading = t(person.role === 'leader' ? 'bot.tasks.leader' : 'bot.tasks.owner', { count: tasks.length });
  return [heading, ...tasks.map((task) => t('bot.tasks.line', { code: task.code, title: task.title, due: task.due }))].join('\n');
}
