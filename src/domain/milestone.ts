import { parseCalendarDate, WRITTEN_DATE, type CalendarDate } from './calendar-date.ts';
import type { Parsed } from './problem.ts';

/** A dated step of a task (时间节点), as the one table lists it. */
export interface MilestonePlan {
  due: CalendarDate;
  description: string;
  /** The task's progress expected once the step is reached, in percent; null: spaced evenly (DESIGN.md "Status rules"). */
  share: number | null;
  /** Marked done in the table: on the day written, or (null) on the day it is imported; undefined: not marked. */
  doneOn?: CalendarDate | null;
}

const SHARE = /\s+(\d{1,3}(?:\.\d+)?)\s*[%％]$/u;
/** `（已完成 2026-06-09）`, `(done 2026-06-09)`, `（已完成）` or a trailing ✅, as export writes and offices mark. */
const DONE_MARK = new RegExp(String.raw`\s*(?:[（(]\s*(?:已完成|完成于|done)\s*(${WRITTEN_DATE})?\s*[)）]|[✅✔√☑])$`, 'iu');
const ITEM = new RegExp(String.raw`^(${WRITTEN_DATE})(?:\s*[:：]\s*|\s+|(?<=日))(.+)$`, 'u');

/** One `DATE description [SHARE%] [（已完成 DATE）]` item. */
function parseMilestone(item: string): Parsed<MilestonePlan> {
  const match = ITEM.exec(item);
  if (!match) return { ok: false, code: 'milestone.format', params: { value: item } };
  const due = parseCalendarDate(match[1]!);
  if (!due.ok) return due;
  let rest = match[2]!.trim();
  let doneOn: CalendarDate | null | undefined;
  const done = DONE_MARK.exec(rest);
  if (done) {
    rest = rest.slice(0, done.index).trim();
    if (done[1] === undefined) doneOn = null;
    else {
      const on = parseCalendarDate(done[1]);
      if (!on.ok) return on;
      doneOn = on.value;
    }
  }
  let share: number | null = null;
  const shareMatch = SHARE.exec(rest);
  if (shareMatch && shareMatch.index > 0) {
    share = Number(shareMatch[1]);
    if (!(share > 0 && share <= 100)) return { ok: false, code: 'milestone.shareRange', params: { value: item } };
    rest = rest.slice(0, shareMatch.index).trim();
  }
  if (rest === '') return { ok: false, code: 'milestone.format', params: { value: item } };
  return { ok: true, value: { due: due.value, description: rest, share, ...(doneOn !== undefined && { doneOn }) } };
}

/**
 * Reads `DATE description` items separated by `;`, `；` or new lines; an item may end with the
 * task's share reached by then (`50%`) and a done mark (`（已完成 2026-06-09）`). Shares must grow
 * with the dates.
 *
 * @example parseMilestones('2025-03-31 完成签约；2025/6/30 启动首批12个 50%（已完成 2025-06-28）')
 */
export function parseMilestones(text: string): Parsed<MilestonePlan[]> {
  const plans: MilestonePlan[] = [];
  for (const item of text.split(/[;；\r\n]+/).map((part) => part.trim()).filter(Boolean)) {
    const plan = parseMilestone(item);
    if (!plan.ok) return plan;
    plans.push(plan.value);
  }
  plans.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const shared = plans.filter((plan) => plan.share !== null);
  for (let i = 1; i < shared.length; i += 1) {
    if (shared[i]!.share! <= shared[i - 1]!.share!) {
      return { ok: false, code: 'milestone.shareOrder', params: { earlier: `${shared[i - 1]!.due} ${shared[i - 1]!.share}%`, later: `${shared[i]!.due} ${shared[i]!.share}%` } };
    }
  }
  return { ok: true, value: plans };
}

/** A milestone as the table writes it back: its share if it has one, and the day it was marked done. */
export interface WrittenMilestone {
  due: CalendarDate;
  description: string;
  share: number | null;
  doneOn: CalendarDate | null;
}

/**
 * The milestones as a table cell that `parseMilestones` reads back, done marks included.
 *
 * @example formatMilestones([{ due: '2026-05-31', description: '方案报批', share: null, doneOn: '2026-06-09' }], '；', (on) => `（已完成 ${on}）`)
 */
export function formatMilestones(plans: readonly WrittenMilestone[], separator: string, doneMark: (on: CalendarDate) => string): string {
  return plans
    .map((plan) => `${plan.due} ${plan.description}${plan.share === null ? '' : ` ${plan.share}%`}${plan.doneOn ? doneMark(plan.doneOn) : ''}`)
    .join(separator);
}
