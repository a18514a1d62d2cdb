import { parseCalendarDate, WRITTEN_DATE, type CalendarDate } from './calendar-date.ts';
import type { Parsed } from './problem.ts';

/** A dated step of a task (时间节点), as the one table lists it. */
export interface MilestonePlan {
  due: CalendarDate;
  description: string;
}

/**
 * Reads `DATE description` items separated by `;`, `；` or new lines.
 *
 * @example parseMilestones('2025-03-31 完成签约；2025/6/30 启动首批12个')
 */
export function parseMilestones(text: string): Parsed<MilestonePlan[]> {
  const plans: MilestonePlan[] = [];
  for (const item of text.split(/[;；\r\n]+/).map((part) => part.trim()).filter(Boolean)) {
    const match = new RegExp(String.raw`^(${WRITTEN_DATE})(?:\s*[:：]\s*|\s+|(?<=日))(.+)$`).exec(item);
    if (!match) return { ok: false, code: 'milestone.format', params: { value: item } };
    const due = parseCalendarDate(match[1]!);
    if (!due.ok) return due;
    plans.push({ due: due.value, description: match[2]!.trim() });
  }
  plans.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return { ok: true, value: plans };
}

export function formatMilestones(plans: readonly MilestonePlan[], separator: string): string {
  return plans.map((plan) => `${plan.due} ${plan.description}`).join(separator);
}
