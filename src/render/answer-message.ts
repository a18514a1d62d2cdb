import type { RecordedAnswer } from '../domain/answer-rules.ts';
import type { Translate } from '../i18n/translate.ts';
import { Html, htmlTranslator } from './html.ts';

/**
 * "✅ 已记录 ZX-01 …：60%" (or "已更正" for a correction) with everything recorded, so the person
 * sees exactly what counts; it ends by asking for a note after a button, or saying it can be corrected.
 */
export function answerRecordedMessage(answer: RecordedAnswer, translate: Translate, options: { ending: 'askForNote' | 'correctable' | 'corrected' }): string {
  const t = htmlTranslator(translate);
  const progress = t(answer.blocked ? 'answer.progressBlocked' : 'answer.progress', { percent: answer.percent });
  const lines = [t(options.ending === 'corrected' ? 'answer.corrected' : 'answer.recorded', { code: answer.code, title: answer.title, progress: new Html(progress), late: new Html(answer.late ? t('answer.late') : '') })];
  if (answer.note) lines.push(t('answer.note', { text: answer.note }));
  if (answer.problems) lines.push(t('answer.problems', { text: answer.problems }));
  if (answer.nextSteps) lines.push(t('answer.nextSteps', { text: answer.nextSteps }));
  if (answer.evidenceCount > 0) lines.push(t('answer.evidence', { count: answer.evidenceCount }));
  // Once the digest has gone, "correct it during the week" would mislead: say what a late answer is.
  lines.push('', t(options.ending === 'askForNote' ? 'answer.askNote' : answer.late ? 'answer.lateCorrectable' : 'answer.correctable'));
  return lines.join('\n');
}
