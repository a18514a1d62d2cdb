import type { CalendarDate } from './calendar-date.ts';
import { daysBetween } from './cycle-week.ts';

/**
 * A person asking to mark a milestone done in words: `/milestone ZX-03` (the earliest not done),
 * `/milestone ZX-03 2` (the second by date), or a reply to a prompt that starts 「节点完成」
 * (「节点已完成」「完成节点」, "milestone done"), with a photo or a file as evidence if they like.
 */
export interface MarkRequest {
  /** The task's code, when written; otherwise the task the message is about. */
  code: string | null;
  /** Which milestone by date, from 1; null: the earliest not done. */
  ordinal: number | null;
}

const COMMAND = /^\/milestone(?:@\w+)?(?:\s+(\S+))?(?:\s+(\d{1,2}))?(?:\s|$)/i;
const WORDS = /^(?:✅\s*)?(?:节点已?完成|完成节点|milestone\s+done)(?:\s*(\d{1,2})(?!\d))?(?:[\s:：,，。!！]|$)/i;

/** @example parseMarkRequest('/milestone ZX-03 2') // { code: 'ZX-03', ordinal: 2 } */
export function parseMarkRequest(text: string): MarkRequest | null {
  const trimmed = text.trim();
  const command = COMMAND.exec(trimmed);
  if (command) return { code: command[1] ?? null, ordinal: command[2] === undefined ? null : Number(command[2]) };
  const words = WORDS.exec(trimmed);
  if (words) return { code: null, ordinal: words[1] === undefined ? null : Number(words[1]) };
  return null;
}

/** How a milestone was done against its date: days late (> 0), early (< 0), or on the day (0). */
export function daysLate(due: CalendarDate, doneOn: CalendarDate): number {
  return daysBetween(due, doneOn);
}
