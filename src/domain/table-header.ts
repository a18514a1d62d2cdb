import type { Problem } from './problem.ts';
import { editDistance } from './suggest.ts';
import { columnLetter, fieldOfHeader, isTaskField, knownHeaders, taskColumns, taskHeaders, type HeaderLanguage, type TaskField } from './table-columns.ts';

/** Where each of the one table's columns is in a file, and what was said about the header row. */
export interface HeaderMap {
  columnOf: Map<TaskField, number>;
  language: HeaderLanguage;
  /** Refusals: a duplicate header, a missing required column, a near miss. */
  problems: Problem[];
  /** Columns set aside or hidden: said with the import, never a refusal. */
  notes: Problem[];
}

/**
 * The known header an unknown one was most likely meant to be, for a task column the file lacks:
 * 「完成时限（年月日）」 holds 完成时限, 「责任单住」 is one slip from 责任单位. Short headers need
 * the text itself: 备注 is two edits from 目标 and means nothing of the kind.
 */
function meantHeader(header: string, missing: (field: TaskField) => boolean): string | undefined {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s()（）\-_.]/g, '');
  const typed = fold(header);
  return taskHeaders.find(({ header: known, field }) => {
    const folded = fold(known);
    return missing(field) && folded.length >= 2 && (typed.includes(folded) || (typed.length >= 3 && editDistance(typed, folded) <= 1));
  })?.header;
}

/**
 * Maps a header row onto the one table's columns. 编号 is required only where the file has a
 * column for it: without one, codes are derived from unit and title (see `derivedTaskCode`).
 */
export function mapHeaders(headerText: readonly string[], headerLine: number, hidden: ReadonlySet<number>): HeaderMap {
  const columnOf = new Map<TaskField, number>();
  const language: HeaderLanguage = headerText.some((h) => /[\u4e00-\u9fff]/.test(h)) ? 'zh' : 'en';
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const unknown: number[] = [];
  const hiddenFields = new Map<TaskField, number>();
  headerText.forEach((header, index) => {
    if (header === '') return;
    const field = fieldOfHeader(header);
    if (hidden.has(index)) {
      if (field !== undefined && isTaskField(field) && !hiddenFields.has(field)) hiddenFields.set(field, index);
      return;
    }
    if (field === undefined) unknown.push(index);
    else if (isTaskField(field)) {
      if (columnOf.has(field)) problems.push({ line: headerLine, column: header, letter: columnLetter(index), code: 'header.duplicate', params: { header } });
      else columnOf.set(field, index);
    }
  });
  // A column that means nothing to duban is set aside, named in one note; one that looks like a
  // column the file lacks is asked about, since its data would otherwise be lost without a word.
  const setAside: string[] = [];
  for (const index of unknown) {
    const header = headerText[index]!;
    const meant = meantHeader(header, (field) => !columnOf.has(field));
    if (meant) problems.push({ line: headerLine, column: header, code: 'header.didYouMean', params: { header, letter: columnLetter(index), meant } });
    else setAside.push(`${columnLetter(index)}「${header}」`);
  }
  for (const column of taskColumns) {
    if (!column.required || column.field === 'code' || columnOf.has(column.field)) continue;
    const hiddenAt = hiddenFields.get(column.field);
    if (hiddenAt !== undefined) problems.push({ line: headerLine, column: null, code: 'header.hidden', params: { header: headerText[hiddenAt]!, letter: columnLetter(hiddenAt) } });
    else problems.push({ line: headerLine, column: null, code: 'header.missing', params: { header: column[language] } });
  }
  const hiddenNamed = [...hidden].filter((index) => (headerText[index] ?? '') !== '').sort((a, b) => a - b);
  if (hiddenNamed.length > 0) notes.push({ line: headerLine, column: null, code: 'header.hiddenSkipped', params: { columns: hiddenNamed.map((index) => `${columnLetter(index)}「${headerText[index]}」`).join('、') } });
  if (setAside.length > 0) notes.push({ line: headerLine, column: null, code: 'header.setAside', params: { columns: setAside.join('、'), known: knownHeaders(language).join('、') } });
  return { columnOf, language, problems, notes };
}
