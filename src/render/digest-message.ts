import type { Digest, DigestEntry, Reach } from '../domain/digest.ts';
import type { Light, StatusReason } from '../domain/status.ts';
import type { Translate } from '../i18n/translate.ts';
import { Html, htmlTranslator, packMessages, shorten, type HtmlTranslate } from './html.ts';

const lightIcon: Record<Light, string> = { red: '🔴', yellow: '🟡', green: '🟢', done: '✅' };

/** What keeps prompts from a person, if anything: not linked yet, or blocking the bot. */
export function reachNote(t: HtmlTranslate, reach: Reach): string {
  return reach === 'unlinked' ? t('escalate.unlinked') : reach === 'unreachable' ? t('escalate.unreachable') : '';
}

/** A reason in words: "35% reported, 52% expected by now". */
export function reasonText(t: HtmlTranslate, reason: StatusReason): string {
  switch (reason.code) {
    case 'silent':
      return reason.cycles === 1 ? t('reason.silentThisWeek') : t('reason.silentWeeks', { cycles: reason.cycles });
    case 'closedOut':
      return t('reason.closedOut');
    case 'blocked':
      return t('reason.blocked');
    case 'overdue':
      return t('reason.overdue', { days: reason.days });
    case 'behind':
      return reason.reported === null ? t('reason.behindNeverReported', { expected: reason.expected }) : t('reason.behind', { reported: reason.reported, expected: reason.expected });
    case 'milestoneOverdue':
      return t('reason.milestoneOverdue', { date: reason.date, description: reason.description, days: reason.days });
    case 'milestoneSoon':
      return reason.days === 0
        ? t('reason.milestoneToday', { date: reason.date, description: reason.description })
        : t('reason.milestoneSoon', { date: reason.date, description: reason.description, days: reason.days });
  }
}

function entryBlock(t: HtmlTranslate, entry: DigestEntry): string {
  const reasons = entry.reasons.map((reason) => reasonText(t, reason)).join(t('reason.separator'));
  const progress = entry.progress === null ? t('digest.neverReported') : `${entry.progress}%`;
  const block = t('digest.entry', { light: lightIcon[entry.light], code: entry.code, title: entry.title, unit: entry.unit, owner: entry.owner, progress, reasons: new Html(reasons) });
  return entry.note ? `${block}\n${t('digest.entryNote', { note: shorten(entry.note, 120) })}` : block;
}

function change(t: HtmlTranslate, now: number, before: number | undefined): string {
  if (before === undefined || now === before) return '';
  return t('digest.change', { delta: now > before ? `+${now - before}` : `−${before - now}` });
}

function moveText(t: HtmlTranslate, move: number | null): string {
  if (move === null || move === 0) return '';
  return move > 0 ? t('digest.moveUp', { places: move }) : t('digest.moveDown', { places: -move });
}

/**
 * The digest as Telegram HTML messages: rate and lights with their change since last week; what
 * needs attention (red before yellow); milestones due in the coming week; units ranked side by
 * side with their move; who has not reported. Split between items, never inside one.
 */
export function digestMessages(digest: Digest, translate: Translate, options: { heading?: 'group' | 'portfolio' } = {}): string[] {
  const t = htmlTranslator(translate);
  const percent = digest.total === 0 ? 100 : Math.round((100 * digest.reported) / digest.total);
  const before = digest.previousCounts ?? undefined;
  const counts = Object.fromEntries(
    (['red', 'yellow', 'green', 'done'] as const).flatMap((light) => [
      [light, digest.counts[light]],
      [`${light}Change`, new Html(change(t, digest.counts[light], before?.[light]))],
    ]),
  );
  const blocks = [
    t(options.heading === 'portfolio' ? 'digest.portfolioHeading' : 'digest.heading', { week: digest.week, from: digest.firstDay, to: digest.lastDay }),
    t('digest.rate', { reported: digest.reported, total: digest.total, percent }),
    t('digest.counts', counts),
    '',
    t('digest.attention', { count: digest.attention.length }),
  ];
  if (digest.attention.length === 0) blocks.push(t('digest.noAttention'));
  blocks.push(...digest.attention.map((entry) => entryBlock(t, entry)));
  blocks.push('', t('digest.milestones', { count: digest.milestonesDue.length }));
  if (digest.milestonesDue.length === 0) blocks.push(t('digest.noMilestones'));
  blocks.push(...digest.milestonesDue.map((m) => t('digest.milestone', { ...m, when: new Html(m.days === 0 ? t('when.today') : m.days === 1 ? t('when.tomorrow') : t('when.inDays', { days: m.days })) })));
  blocks.push('', t('digest.units'));
  blocks.push(
    ...digest.units.map((unit) =>
      t('digest.unit', {
        rank: unit.rank, unit: unit.unit, move: new Html(moveText(t, unit.move)), reported: unit.reported, tasks: unit.tasks, onTrack: unit.onTrack,
        average: unit.averageProgress, gap: unit.progressGap > 0 ? `+${unit.progressGap}` : `${unit.progressGap}`,
      }),
    ),
  );
  blocks.push('', t('digest.silent', { count: digest.silent.length }));
  if (digest.silent.length === 0) blocks.push(t('digest.allReported'));
  blocks.push(
    ...digest.silent.map((person) =>
      t('digest.silentPerson', { owner: person.owner, unit: person.unit, codes: person.codes.join('、'), unlinked: new Html(reachNote(t, person.reach)) }),
    ),
  );
  blocks.push('', t('digest.trace'));
  return packMessages(blocks, t('digest.continued'));
}
