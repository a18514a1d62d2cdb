import type { Message } from 'telegraf/types';
import type { TaskRef } from '../store/check-ins.ts';
import { taskAwaitingNote, taskByCode, taskById } from '../store/check-ins.ts';
import { taskOfMessage } from '../store/outbox.ts';
import { openTasksOf } from '../store/tasks.ts';
import type { PersonCard } from '../store/people.ts';
import { currentWeek } from './answers.ts';
import type { BotDeps } from './context.ts';

/** How long after a button answer a plain text is taken as its note. */
const NOTE_WINDOW_MS = 2 * 60 * 60 * 1000;

export type TaskTarget = { ok: true; task: TaskRef; text: string; via: 'reply' | 'command' } | { ok: false; problem: 'unknownTask' | 'whichTask' | 'noTasks'; code?: string };

/**
 * Which task a message is about: the one the message replies to; else a task code it starts
 * with; else the task whose button was just tapped; else the person's only open task.
 */
export async function taskTargetOf(deps: BotDeps, person: PersonCard, message: Message, text: string): Promise<TaskTarget> {
  const repliedTo = 'reply_to_message' in message ? message.reply_to_message : undefined;
  if (repliedTo) {
    const taskId = await taskOfMessage(deps.db, message.chat.id, repliedTo.message_id);
    const repliedTask = taskId === undefined ? undefined : await taskById(deps.db, taskId);
    if (repliedTask) return { ok: true, task: repliedTask, text, via: 'reply' };
  }
  const leading = /^(\S+)(?:\s+|$)/.exec(text);
  const task = leading && /\d/.test(leading[1]!) ? await taskByCode(deps.db, leading[1]!) : undefined;
  if (task) return { ok: true, task, text: text.slice(leading![0].length), via: 'command' };
  const awaiting = await taskAwaitingNote(deps.db, person.id, currentWeek(deps), new Date(deps.now().getTime() - NOTE_WINDOW_MS));
  if (awaiting !== undefined) return { ok: true, task: (await taskById(deps.db, awaiting))!, text, via: 'reply' };
  const open = await openTasksOf(deps.db, person.id, 'owner');
  if (open.length === 0) return { ok: false, problem: 'noTasks' };
  if (open.length > 1) return { ok: false, problem: 'whichTask' };
  return { ok: true, task: (await taskByCode(deps.db, open[0]!.code))!, text, via: 'reply' };
}
