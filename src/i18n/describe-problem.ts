import type { Problem } from '../domain/problem.ts';
import type { MessageKey, Translate } from './translate.ts';

/** A problem in the user's words, with where it is: `第 3 行「完成时限」列：日期“2025-02-30”不存在`. */
export function describeProblem(t: Translate, problem: Problem): string {
  const text = t(`problem.${problem.code}` as MessageKey, problem.params);
  if (problem.line !== null && problem.column !== null && problem.letter) return t('table.where.lineLetter', { line: problem.lines ?? problem.line, letter: problem.letter, column: problem.column, problem: text });
  if (problem.line !== null && problem.column !== null) return t('table.where.lineColumn', { line: problem.line, column: problem.column, problem: text });
  if (problem.line !== null) return t('table.where.line', { line: problem.line, problem: text });
  return t('table.where.file', { problem: text });
}
