import type { Digest, DigestEntry, Reach } from '../domain/digest.ts';
import type { Light, StatusReason } from '../domain/status.ts';
import type { Translate } from '../i18n/translate.ts';
import { escapeHtml, Html, htmlTranslator, MESSAGE_LIMIT, packMessages, shorten, type HtmlTranslate } from './html.ts';
import { latenessText } from './lateness.ts';
import { weekLabel } from './week-label.ts';

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

/** A task's code, linked to its page on the public board where it has one. */
const codeOf = (entry: DigestEntry) => (entry.link ? new Html(`<a href="${escapeHtml(entry.link)}">${escapeHtml(entry.code)}</a>`) : entry.code);

/** ` · 已延期（原定 2026-06-30）` after a task's progress, where its due date was extended. */
const extendedText = (t: HtmlTranslate, entry: DigestEntry) => (entry.extendedFrom ? t('digest.extended', { from: entry.extendedFrom }) : '');

function entryBlock(t: HtmlTranslate, entry: DigestEntry): string {
  const reasons = entry.reasons.map((reason) => reasonText(t, reason)).join(t('reason.separator'));
  const progress = new Html((entry.progress === null ? t('digest.neverReported') : `${entry.progress}%`) + extendedText(t, entry));
  const owner = new Html(escapeHtml(entry.owner) + (entry.answeredBy ? t('digest.answeredFor', { deputy: entry.answeredBy }) : ''));
  const block = t('digest.entry', { light: lightIcon[entry.light], code: codeOf(entry), title: entry.title, unit: entry.unit, owner, leader: entry.leader, progress, reasons: new Html(reasons) });
  return entry.note ? `${block}\n${t('digest.entryNote', { note: shorten(entry.note, 120) })}` : block;
}

/** An on-track task in one line: code, title, progress, what was reported, shortened. */
function onTrackLine(t: HtmlTranslate, entry: DigestEntry): string {
  const progress = entry.light === 'done' ? t('light.done') : entry.progress === null ? t('digest.neverReported') : `${entry.progress}%`;
  const note = entry.note ? t('digest.onTrackNote', { note: shorten(entry.note, 40) }) : '';
  const answeredBy = entry.answeredBy ? t('digest.answeredFor', { deputy: entry.answeredBy }) : '';
  return t('digest.onTrackLine', { light: lightIcon[entry.light], code: codeOf(entry), title: shorten(entry.title, 24), progress: new Html(progress + extendedText(t, entry) + answeredBy), note: new Html(note) });
}

function change(t: HtmlTranslate, now: number, before: number | undefined): string {
  if (before === undefined || now === before) return '';
  return t('digest.change', { delta: now > before ? `+${now - before}` : `−${before - now}` });
}

function moveText(t: HtmlTranslate, move: number | null): string {
  if (move === null || move === 0) return '';
  return move > 0 ? t('digest.moveUp', { places: move }) : t('digest.moveDown', { places: -move });
}

/** Items grouped by unit, in the order given: the unit and its items. */
function byUnit<T extends { unit: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.unit);
    if (group) group.push(item);
    else groups.set(item.unit, [item]);
  }
  return [...groups];
}

/** "甲街道 12、乙局 5": how many per unit, most first, for what was folded. */
function countsByUnit(t: HtmlTranslate, items: readonly { unit: string }[]): string {
  const counts = byUnit(items).map(([unit, group]) => ({ unit, count: group.length }));
  counts.sort((a, b) => b.count - a.count || a.unit.localeCompare(b.unit));
  return countsText(t, counts);
}

const countsText = (t: HtmlTranslate, counts: readonly { unit: string; count: number }[]) =>
  counts.map(({ unit, count }) => t('digest.unitCount', { unit, count })).join(t('digest.unitCountSeparator'));

/** Every on-track task, not only the lines the builder kept. */
const onTrackTotal = (digest: Digest) => digest.onTrackPerUnit.reduce((sum, unit) => sum + unit.count, 0);

/** What the group digest folds to keep within its budget, in this order: on track, yellow, the silent's names. */
export type Fold = 'onTrack' | 'yellow' | 'silent';
const FOLD_ORDER: readonly Fold[][] = [[], ['onTrack'], ['onTrack', 'yellow'], ['onTrack', 'yellow', 'silent']];

function digestBlocks(digest: Digest, t: HtmlTranslate, heading: 'group' | 'portfolio', folded: readonly Fold[], overBudget: number | null): string[] {
  const percent = digest.total === 0 ? 100 : Math.round((100 * digest.reported) / digest.total);
  const before = digest.previousCounts ?? undefined;
  const counts = Object.fromEntries(
    (['red', 'yellow', 'green', 'done'] as const).flatMap((light) => [
      [light, digest.counts[light]],
      [`${light}Change`, new Html(change(t, digest.counts[light], before?.[light]))],
    ]),
  );
  const red = digest.attention.filter((entry) => entry.light === 'red');
  const yellow = digest.attention.filter((entry) => entry.light === 'yellow');
  const folds = new Set(folded);
  const blocks = [
    t(heading === 'portfolio' ? 'digest.portfolioHeading' : 'digest.heading', { week: weekLabel(digest, t) }),
    ...(digest.movedFrom ? [t('digest.moved', { day: digest.movedFrom.day, holiday: digest.movedFrom.holiday ?? t('digest.movedHoliday') })] : []),
    t('digest.rate', { reported: digest.reported, total: digest.total, percent }),
    t('digest.counts', counts),
  ];
  if (folds.size > 0) {
    const what = [
      folds.has('onTrack') ? t('digest.foldedOnTrack', { count: onTrackTotal(digest) }) : '',
      folds.has('yellow') ? t('digest.foldedYellow', { count: yellow.length }) : '',
      folds.has('silent') ? t('digest.foldedSilent', { count: digest.silent.length }) : '',
    ].filter(Boolean);
    blocks.push(t('digest.folded', { what: new Html(what.join(t('reason.separator'))) }));
  }
  if (overBudget !== null) blocks.push(t('digest.overBudget', { budget: overBudget, red: red.length }));

  blocks.push('', t('digest.attention', { count: digest.attention.length }));
  if (digest.attention.length === 0) blocks.push(t('digest.noAttention'));
  blocks.push(...red.map((entry) => entryBlock(t, entry)));
  if (folds.has('yellow') && yellow.length > 0) blocks.push(t('digest.yellowByUnit', { count: yellow.length, units: new Html(countsByUnit(t, yellow)) }));
  else blocks.push(...yellow.map((entry) => entryBlock(t, entry)));

  if (digest.milestonesDone.length > 0) {
    blocks.push('', t('digest.milestonesDone', { count: digest.milestonesDone.length }));
    blocks.push(...digest.milestonesDone.map((m) => t('digest.milestoneDone', { ...m, lateness: new Html(latenessText(t, m.date, m.doneOn)) })));
  }
  blocks.push('', t('digest.milestones', { count: digest.milestonesDue.length }));
  if (digest.milestonesDue.length === 0) blocks.push(t('digest.noMilestones'));
  blocks.push(...digest.milestonesDue.map((m) => t('digest.milestone', { ...m, when: new Html(m.days === 0 ? t('when.today') : m.days === 1 ? t('when.tomorrow') : t('when.inDays', { days: m.days })) })));

  blocks.push('', t('digest.onTrack', { count: onTrackTotal(digest) }));
  if (digest.onTrackPerUnit.length === 0) blocks.push(t('digest.noneOnTrack'));
  else if (folds.has('onTrack')) blocks.push(t('digest.onTrackByUnit', { units: new Html(countsText(t, digest.onTrackPerUnit)) }));
  else for (const [unit, entries] of byUnit(digest.onTrack)) blocks.push(t('digest.onTrackUnit', { unit, count: entries.length }), ...entries.map((entry) => onTrackLine(t, entry)));

  blocks.push('', t('digest.units'));
  blocks.push(
    ...digest.units.map((unit) =>
      t('digest.unit', {
        rank: unit.rank, unit: unit.unit, move: new Html(moveText(t, unit.move)), reported: unit.reported, tasks: unit.tasks, onTrack: unit.onTrack,
        average: unit.averageProgress, gap: unit.progressGap > 0 ? `+${unit.progressGap}` : `${unit.progressGap}`,
      }) + (unit.extended > 0 ? t('digest.unitExtended', { count: unit.extended }) : '') + (unit.assessment ? t('digest.unitAssessment', { score: unit.assessment.overall.toFixed(2), rank: unit.assessment.rank, of: unit.assessment.ranked }) : ''),
    ),
  );
  blocks.push('', t('digest.silent', { count: digest.silent.length }));
  if (digest.silent.length === 0) blocks.push(t('digest.allReported'));
  else if (folds.has('silent')) blocks.push(t('digest.silentByUnit', { units: new Html(countsByUnit(t, digest.silent)) }));
  else blocks.push(...digest.silent.map((person) => t('digest.silentPerson', { owner: person.owner, unit: person.unit, codes: person.codes.join('、'), unlinked: new Html(reachNote(t, person.reach)) })));
  if (digest.onLeave.length > 0) blocks.push('', t('digest.onLeave', { count: digest.onLeave.length }), ...digest.onLeave.map((person) => t('digest.onLeaveLine', { owner: person.owner, unit: person.unit, codes: person.codes.join('、') })));
  blocks.push('', t('digest.trace'));
  return blocks;
}

/**
 * The digest as Telegram HTML messages: rate and lights with their change since last week; what
 * needs attention (red before yellow) with its reasons; milestones done this week and due in the
 * coming one; every on-track task in a line, by unit; units ranked side by side with their move;
 * who has not reported. Split between items, never inside one.
 *
 * With a `budget` (the group's digest), past that many messages the on-track lines, then the
 * yellow, then the names of who has not reported fold into counts per unit, and the digest says
 * so; red is never folded: more red than fits runs over, and says that too. A portfolio has no
 * budget: it lists every task of the leader's.
 */
export function digestMessages(digest: Digest, translate: Translate, options: { heading?: 'group' | 'portfolio'; budget?: number } = {}): string[] {
  const t = htmlTranslator(translate);
  const heading = options.heading ?? 'group';
  const pack = (folded: readonly Fold[], overBudget: number | null) => packMessages(digestBlocks(digest, t, heading, folded, overBudget), t('digest.continued'));
  const { budget } = options;
  if (budget === undefined) return pack([], null);
  const everyOnTrackLine = digest.onTrack.length === onTrackTotal(digest);
  for (const folded of FOLD_ORDER) {
    if (!everyOnTrackLine && !folded.includes('onTrack')) continue;
    // A fold whose lines could not fit even at their shortest is not worded at all: at 100,000
    // tasks, wording every on-track line only to count the messages would cost more than the digest.
    if (itemsListed(digest, folded) * SHORTEST_ITEM > budget * MESSAGE_LIMIT) continue;
    const messages = pack(folded, null);
    if (messages.length <= budget) return messages;
  }
  return pack(FOLD_ORDER.at(-1)!, budget);
}

/** No item of a digest is shorter than this, with its line break: `🟢 <b>A</b> x · 5%`. */
const SHORTEST_ITEM = 16;

/**
 * The most on-track lines a digest of `budget` messages could hold: a builder need keep no more
 * (`DigestSettings.onTrackListed`), since past it they are folded into counts.
 */
export function onTrackLinesWithin(budget: number): number {
  return Math.ceil((budget * MESSAGE_LIMIT) / SHORTEST_ITEM);
}

/** How many items a digest lists with these folds: a floor on its length. */
function itemsListed(digest: Digest, folded: readonly Fold[]): number {
  const yellow = digest.attention.filter((entry) => entry.light === 'yellow').length;
  return (
    digest.attention.length - (folded.includes('yellow') ? yellow : 0) + digest.milestonesDone.length + digest.milestonesDue.length + digest.units.length +
    (folded.includes('onTrack') ? 0 : onTrackTotal(digest)) + (folded.includes('silent') ? 0 : digest.silent.length)
  );
}
