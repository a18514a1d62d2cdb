import type { Config } from '../config.ts';
import type { Tx } from '../db/unit-of-work.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import { cycleWeekOf, type CycleWeek } from '../domain/cycle-week.ts';
import type { Actor } from '../domain/permissions.ts';
import type { Translate } from '../i18n/translate.ts';
import { htmlTranslator, type HtmlTranslate } from '../render/html.ts';
import type { Clock } from '../render/leader-views.ts';
import type { InviteKey } from '../store/invites.ts';
import type { PersonCard } from '../store/people.ts';
import type { Replies } from './replies.ts';

/** What every flow may read besides the database: the settings, the words, the invite key. */
export interface FlowDeps {
  config: Config;
  t: Translate;
  inviteKey: InviteKey;
}

/** Who wrote: their Telegram account, the person it is linked to, and what they may do. */
export interface Speaker extends Actor {
  telegramUserId: number;
  /** Their first name on Telegram, for the record where they are not linked (an admin). */
  displayName: string;
  person: PersonCard | undefined;
}

/**
 * One turn of a conversation: an update's transaction, its instant, who spoke, and the replies
 * it queues. A flow reads, decides through the domain, writes through `tx` and replies through
 * `replies`; nothing of it is done until the caller commits.
 */
export interface Turn {
  tx: Tx;
  now: Date;
  speaker: Speaker;
  replies: Replies;
}

/** The week the turn is in, in TIMEZONE. */
export const weekOf = (deps: FlowDeps, turn: Turn): CycleWeek => cycleWeekOf(turn.now, deps.config.timezone);

/** Who did it, as the audit log names an account: `telegram:<user id>`. */
export const actorOf = (turn: Turn): string => `telegram:${turn.speaker.telegramUserId}`;

/** The catalog for Telegram's HTML: every param escaped. */
export const wordsOf = (deps: FlowDeps): HtmlTranslate => htmlTranslator(deps.t);

/** Today, and instants shown as local `MM-DD HH:mm`, in TIMEZONE. */
export function clockOf(deps: FlowDeps, turn: Turn): Clock {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timezone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return { today: calendarDateIn(turn.now, deps.config.timezone), local: (instant) => format.format(new Date(instant)).replace(',', '') };
}
