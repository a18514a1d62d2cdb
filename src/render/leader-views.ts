import type { CalendarDate } from '../domain/calendar-date.ts';
import { publicTaskUrl } from '../domain/digest-builder.ts';
import { daysBetween } from '../domain/cycle-week.ts';
import type { DigestTask } from '../domain/digest.ts';
import type { Light, TaskStatus } from '../domain/status.ts';
import type { Translate } from '../i18n/translate.ts';
import type { CloseOutView } from '../store/close-outs.ts';
import type { InstructionView } from '../store/instructions.ts';
import type { MarkView } from '../store/milestones.ts';
import type { TaskHistory } from '../store/task-history.ts';
import { reasonText } from './digest-message.ts';
import { Html, htmlTranslator, shorten, type HtmlTranslate } from './html.ts';
import { latenessText } from './lateness.ts';
import { whenText } from './prompt-message.ts';

/** A task with its light, as the leader's views list it. */
export interface LitTask {
  task: DigestTask;
  status: TaskStatus;
}

const lightIcon: Record<Light, string> = { red: '🔴', yellow: '🟡', green: '🟢', done: '✅' };

export interface Clock {
  today: CalendarDate;
  /** An instant as a local date and time, `06-10 10:12`. */
  local: (instant: string) => string;
}

const reasonsOf = (t: HtmlTranslate, status: TaskStatus) => status.reasons.map((reason) => reasonText(t, reason)).join(t('reason.separator'));
const progressOf = (t: HtmlTranslate, lit: LitTask) => (lit.task.facts.latest ? `${lit.task.facts.latest.percent}%` : t('digest.neverReported'));

/**
 * `/task CODE`: the task, its light and why, milestones (who marked each done, when, how late;
 * marks undone and why), latest answers, instructions, close-out.
 */
export function taskCard(lit: LitTask, history: TaskHistory, marks: readonly MarkView[], instructions: readonly InstructionView[], closeOut: CloseOutView | undefined, translate: Translate, clock: Clock, publicUrl?: string): string {
  const t = htmlTranslator(translate);
  const { task } = history;
  const lines = [
    `${lightIcon[lit.status.light]} ${t('task.card.head', { code: task.code, title: task.title })}`,
    t('task.card.people', {
      unit: history.co.units.length > 0 ? translate('task.card.withCoUnits', { unit: task.unit, coUnits: history.co.units.join('、') }) : task.unit,
      owner: [task.owner, ...history.co.owners].join('、'),
      leader: [task.leader, ...history.co.leaders].join('、'),
    }),
    task.dueDate === null
      ? t('task.card.datesStanding', { start: task.startDate })
      : t('task.card.dates', { start: task.startDate, due: task.dueDate, when: new Html(whenText(t, daysBetween(clock.today, task.dueDate as CalendarDate))) }),
    t('task.card.status', { light: t(`light.${lit.status.light}`), reasons: new Html(reasonsOf(t, lit.status) || '—') }),
    t('task.card.progress', { progress: progressOf(t, lit), expected: lit.status.expected }),
  ];
  if (history.milestones.length > 0) {
    lines.push('', t('task.card.milestones'));
    history.milestones.forEach((m, index) => {
      const done = m.doneOn === null ? undefined : marks.findLast((mark) => mark.milestoneId === m.id && mark.action === 'done');
      const lateness = done ? latenessText(t, m.dueDate as CalendarDate, m.doneOn as CalendarDate) : '';
      const evidence = done && done.evidenceCount > 0 ? t('task.card.evidence', { count: done.evidenceCount }) : '';
      const who = done ? t('task.card.markedBy', { actor: done.actor, at: clock.local(done.at), lateness: new Html(lateness), evidence: new Html(evidence) }) : '';
      const share = m.share === null ? '' : ` ${m.share}%`;
      lines.push(t('task.card.milestone', { n: index + 1, mark: m.doneOn ? '✅' : m.dueDate < clock.today ? '❗' : '⬜', date: m.dueDate, description: `${m.description}${share}`, who: new Html(who) }));
    });
    for (const undo of marks.filter((mark) => mark.action === 'undone')) {
      lines.push(t('task.card.markUndone', { at: clock.local(undo.at), actor: undo.actor, date: undo.due, description: undo.description, reason: undo.reason ?? '' }));
    }
  }
  lines.push('', t('task.card.answers'));
  if (history.answers.length === 0) lines.push(t('task.card.noAnswers'));
  for (const answer of history.answers) {
    const progress = t(answer.blocked ? 'answer.progressBlocked' : 'answer.progress', { percent: answer.percent });
    lines.push(t('task.card.answer', { date: clock.local(answer.reportedAt), progress: new Html(progress), late: new Html(answer.late ? t('answer.late') : ''), note: shorten(answer.note ?? '', 80) }));
  }
  if (instructions.length > 0) {
    lines.push('', t('task.card.instructions'));
    for (const i of instructions) {
      lines.push(
        t('task.card.instruction', {
          date: clock.local(i.createdAt), author: i.authorName, text: shorten(i.text, 120),
          delivery: new Html(i.deliveredAt ? t('task.card.delivered', { at: clock.local(i.deliveredAt) }) : t('task.card.notDelivered')),
          ack: new Html(i.acknowledgedAt ? t('task.card.acknowledged', { at: clock.local(i.acknowledgedAt) }) : t('task.card.notAcknowledged')),
        }),
      );
    }
  }
  if (task.status === 'done' && task.closedAt) lines.push('', t('task.card.closedOut', { at: clock.local(task.closedAt) }));
  else if (closeOut?.decision === null) lines.push('', t('task.card.closeOutPending', { at: clock.local(closeOut.requestedAt) }));
  else if (closeOut?.decision === 'returned') lines.push('', t('task.card.closeOutReturned', { at: clock.local(closeOut.decidedAt!), reason: closeOut.reason ?? '' }));
  lines.push('', t('task.card.replyToInstruct'));
  if (publicUrl && task.isPublic === 1) lines.push('', t('task.card.publicLink', { url: publicTaskUrl(publicUrl, task.code) }));
  return lines.join('\n');
}

/** `/unit NAME`: the unit's tasks, red first, each with its light and why. */
export function unitList(unit: string, tasks: readonly LitTask[], translate: Translate): string {
  const t = htmlTranslator(translate);
  const count = (light: Light) => tasks.filter((lit) => lit.status.light === light).length;
  const order: Record<Light, number> = { red: 0, yellow: 1, green: 2, done: 3 };
  const sorted = [...tasks].sort((a, b) => order[a.status.light] - order[b.status.light] || a.task.code.localeCompare(b.task.code));
  const lines = [t('unit.head', { unit, count: tasks.length, red: count('red'), yellow: count('yellow'), green: count('green'), done: count('done') })];
  for (const lit of sorted) {
    lines.push(t('unit.line', { light: lightIcon[lit.status.light], code: lit.task.code, title: lit.task.title, owner: lit.task.owner, progress: progressOf(t, lit) }));
    if (lit.status.light === 'red' || lit.status.light === 'yellow') lines.push(t('unit.reasons', { reasons: new Html(reasonsOf(t, lit.status)) }));
  }
  return lines.join('\n');
}

/** `/overdue`: every red task, the longest past its due date (or its oldest missed milestone) first. */
export function overdueList(tasks: readonly LitTask[], translate: Translate, today: CalendarDate): string[] {
  const t = htmlTranslator(translate);
  const red = tasks.filter((lit) => lit.status.light === 'red');
  if (red.length === 0) return [t('overdue.none')];
  const lateness = (lit: LitTask) => Math.max(lit.task.facts.due === null ? -Infinity : daysBetween(lit.task.facts.due, today), ...lit.task.facts.milestones.filter((m) => !m.done).map((m) => daysBetween(m.due, today)));
  const sorted = [...red].sort((a, b) => lateness(b) - lateness(a) || a.task.code.localeCompare(b.task.code));
  return [t('overdue.head', { count: red.length }), ...sorted.map((lit) => t('overdue.line', { code: lit.task.code, title: lit.task.title, unit: lit.task.unit, owner: lit.task.owner, reasons: new Html(reasonsOf(t, lit.status)) }))];
}
