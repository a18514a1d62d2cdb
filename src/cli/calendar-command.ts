import { readFile } from 'node:fs/promises';
import { calendarDateIn, type CalendarDate } from '../domain/calendar-date.ts';
import { readCalendarFile } from '../domain/calendar-file.ts';
import { addDays } from '../domain/cycle-week.ts';
import { inTransaction } from '../db/transaction.ts';
import { currentWorkCalendar } from '../flows/work-calendar.ts';
import { readCalendarCsv } from '../io/calendar-csv.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { adminDayMarks, markDays } from '../store/calendar-days.ts';
import { recordAudit } from '../store/audit-log.ts';
import type { CliCommand, CliContext } from './context.ts';

/** `calendar import FILE`: days off and make-up working days over the built-in calendar, all or nothing. */
async function importCalendar({ db, t, now, print, printError }: CliContext, file: string): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    printError(t('cli.fileUnreadable', { file }));
    return 1;
  }
  const csv = readCalendarCsv(bytes);
  if (!csv.ok) {
    printError(csv.reason === 'notUtf8' ? t('calendar.notUtf8') : t('calendar.syntax', { detail: csv.detail ?? '' }));
    return 1;
  }
  const read = readCalendarFile(csv.rows);
  if (!read.ok) {
    printError(t('calendar.refused'));
    for (const problem of read.problems) printError(t(`calendar.problem.${problem.code}`, { line: problem.line, value: problem.value, firstLine: problem.firstLine ?? '' }));
    return 1;
  }
  if (read.days.length === 0) {
    printError(t('calendar.empty'));
    return 1;
  }
  const at = now();
  await inTransaction(db, async (trx) => {
    await markDays(trx, read.days, at);
    await recordAudit(trx, at, { actor: 'cli', action: 'calendar.import', subject: file, detail: { days: read.days.length } });
  });
  const years = [...new Set(read.days.map((day) => day.day.slice(0, 4)))].sort().join('、');
  print(t('calendar.imported', { count: read.days.length, rest: read.days.filter((day) => day.kind === 'rest').length, work: read.days.filter((day) => day.kind === 'work').length, years }));
  return 0;
}

/** `calendar show [YEAR]`: every day of the year the calendar marks, where each mark comes from, and whether the year is known at all. */
async function showCalendar({ db, config, t, now, print }: CliContext, yearWord: string | undefined): Promise<number> {
  const year = yearWord === undefined ? Number(calendarDateIn(now(), config.timezone).slice(0, 4)) : Number(yearWord);
  const calendar = await currentWorkCalendar(db, config);
  const admin = await adminDayMarks(db);
  print(t('calendar.head', { year, source: t(config.holidays === 'cn' ? 'calendar.source.cn' : 'calendar.source.none') }));
  let rest = 0;
  let work = 0;
  for (let day = `${year}-01-01` as CalendarDate; day.startsWith(String(year)); day = addDays(day, 1)) {
    const mark = calendar.markOf(day);
    if (!mark) continue;
    if (mark.kind === 'rest') rest += 1;
    else work += 1;
    const weekday = t(`weekday.${new Date(`${day}T00:00:00Z`).getUTCDay()}` as MessageKey);
    print(t('calendar.day', { date: day, weekday, kind: t(mark.kind === 'rest' ? 'calendar.rest' : 'calendar.work'), name: mark.name ?? '', imported: admin.days.has(day) ? t('calendar.importedMark') : '' }));
  }
  print(t('calendar.summary', { rest, work }));
  if (config.holidays === 'cn' && !calendar.knowsYear(year)) print(t('calendar.unknownYear', { year }));
  return 0;
}

/** `calendar import FILE` | `calendar show [YEAR]`: the working calendar (工作日历) the cycle follows. */
export const calendarCommand: CliCommand = async (context, [action, argument]) => {
  if (action === 'import' && argument) return importCalendar(context, argument);
  if (action === 'show' && (argument === undefined || /^\d{4}$/.test(argument))) return showCalendar(context, argument);
  context.printError(context.t('calendar.usage'));
  return 2;
};
