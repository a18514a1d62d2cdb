import type { Translate } from '../i18n/translate.ts';
import type { ExtensionRequest } from '../store/extensions.ts';

/** Who a trail names: people by name (/task, the export), or by role where no name may show (the public board). */
export interface TrailNames {
  requester(request: ExtensionRequest): string;
  decider(request: ExtensionRequest): string;
  /** An instant as the reader's local `MM-DD HH:mm` or date. */
  local(instant: string): string;
}

/**
 * A task's extension requests, a line each, oldest first: who asked when, from which due date to
 * which, why, and what became of it — approved, refused (and why, if said), or waiting.
 *
 * @example extensionTrail(t, requests, names) // ['06-10 10:00 张伟 申请由 2026-06-30 延至 2026-09-30：征迁未完成 → 陈静 06-11 09:00 不同意']
 */
export function extensionTrail(t: Translate, requests: readonly ExtensionRequest[], names: TrailNames): string[] {
  return requests.map((request) => {
    const asked = t('extend.trail.asked', { on: names.local(request.requestedAt), by: names.requester(request), before: request.dueBefore, asked: request.dueAsked, reason: request.reason });
    if (request.decision === null) return asked + t('extend.trail.pending');
    const decided = { by: names.decider(request), on: names.local(request.decidedAt!) };
    if (request.decision === 'approved') return asked + t('extend.trail.approved', decided);
    return asked + (request.decisionReason ? t('extend.trail.refusedBecause', { ...decided, because: request.decisionReason }) : t('extend.trail.refused', decided));
  });
}
