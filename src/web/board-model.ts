import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.ts';
import { groupBy } from '../domain/group-by.ts';
import type { Light } from '../domain/status.ts';
import { currentLights } from '../flows/table-lights.ts';
import type { Translate } from '../i18n/translate.ts';
import { reasonWords } from '../io/task-words.ts';
import { coNamed } from '../store/co-named.ts';
import { peopleNames, publicMilestones, publicTaskRows } from '../store/public-board.ts';

/** A task as the public sees it: the fields of the board, JSON and CSV, and nothing else (no person, no instruction). */
export interface BoardTask {
  id: number;
  code: string;
  title: string;
  unit: string;
  coUnits: string[];
  category: string | null;
  target: string | null;
  start: CalendarDate;
  /** null: a standing task. */
  due: CalendarDate | null;
  status: 'open' | 'done' | 'withdrawn';
  /** null before the first cycle has opened, and for a withdrawn task. */
  light: Light | null;
  reasons: string[];
  progress: number | null;
  expected: number | null;
  lastReportOn: CalendarDate | null;
  milestones: { due: CalendarDate; description: string; doneOn: CalendarDate | null }[];
  location: { lat: number; lng: number } | null;
}

/**
 * Takes the names of the table's people out of a text the public reads (a note says 「赵六负责对接」):
 * the board names units and roles, never a person.
 */
export type NameMask = (text: string) => string;

export function nameMask(names: readonly string[]): NameMask {
  // By first character, longest first: a district's thousands of names cost a text a lookup per
  // character, where one regular expression of them all would try every name at every character.
  const byFirst = new Map<string, string[]>();
  for (const name of new Set(names)) {
    if ([...name].length < 2) continue;
    const list = byFirst.get(name[0]!) ?? [];
    list.push(name);
    byFirst.set(name[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return (text) => {
    let masked = '';
    for (let i = 0; i < text.length; ) {
      const name = byFirst.get(text[i]!)?.find((candidate) => text.startsWith(candidate, i));
      if (name) {
        masked += '*'.repeat([...name].length);
        i += name.length;
      } else masked += text[i++];
    }
    return masked;
  };
}

export interface Board {
  /** What the data was built from: an answer, an import, a close-out, a new cycle or a new day changes it. */
  version: string;
  today: CalendarDate;
  /** Red first, then yellow, green, done and withdrawn; by code within each. */
  tasks: BoardTask[];
  counts: Record<Light | 'none', number>;
  units: { unit: string; tasks: number; red: number; yellow: number; green: number; done: number; reported: number; progress: number }[];
  /** For the texts read later (the reports on a task's page). */
  mask: NameMask;
}

const ORDER: Record<Light | 'none', number> = { red: 0, yellow: 1, green: 2, done: 3, none: 4 };

/** Builds the board's data once per version: the public tasks with their lights, reasons in words, progress and milestones. */
export async function buildBoard(db: Db, deps: { config: Config; t: Translate }, now: Date, version: string): Promise<Board> {
  const { config, t } = deps;
  const lights = await currentLights(db, config, now);
  const milestones = await publicMilestones(db);
  const named = await coNamed(db);
  const mask = nameMask(await peopleNames(db));
  const tasks: BoardTask[] = (await publicTaskRows(db)).map((row) => {
    const status = row.status === 'withdrawn' ? undefined : lights?.get(row.code);
    return {
      id: row.id, code: row.code, title: mask(row.title), unit: row.unit, coUnits: named.units.get(row.id) ?? [], category: row.category, target: row.target && mask(row.target),
      start: row.start, due: row.due, status: row.status, light: status?.light ?? null, reasons: status ? mask(reasonWords(status, t)).split('\n').filter(Boolean) : [],
      progress: row.progress, expected: status?.expected ?? null,
      lastReportOn: row.lastReportAt === null ? null : calendarDateIn(new Date(row.lastReportAt), config.timezone),
      milestones: (milestones.get(row.id) ?? []).map((m) => ({ due: m.due, description: mask(m.description), doneOn: m.doneOn })),
      location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    };
  });
  const rank = (task: BoardTask) => (task.status === 'withdrawn' ? 5 : ORDER[task.light ?? 'none']);
  tasks.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  const counts: Board['counts'] = { red: 0, yellow: 0, green: 0, done: 0, none: 0 };
  for (const task of tasks) if (task.status !== 'withdrawn') counts[task.light ?? 'none'] += 1;
  return { version, today: calendarDateIn(now, config.timezone), tasks, counts, units: unitSummaries(tasks), mask };
}

/** 互学互比: each unit's public tasks side by side — lights, how many reported, average progress. */
function unitSummaries(tasks: readonly BoardTask[]): Board['units'] {
  const byUnit = groupBy(tasks.filter((task) => task.status !== 'withdrawn'), (task) => task.unit);
  return [...byUnit].map(([unit, list]) => ({
    unit,
    tasks: list.length,
    red: list.filter((task) => task.light === 'red').length,
    yellow: list.filter((task) => task.light === 'yellow').length,
    green: list.filter((task) => task.light === 'green').length,
    done: list.filter((task) => task.light === 'done').length,
    reported: list.filter((task) => task.progress !== null).length,
    progress: Math.round(list.reduce((sum, task) => sum + (task.progress ?? 0), 0) / list.length),
  })).sort((a, b) => b.red / b.tasks - a.red / a.tasks || b.progress - a.progress || a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
}
