import { describe, expect, it } from 'vitest';
import { resolveAnswer, type AnswerChange } from '../../src/domain/answer-rules.ts';

type Input = Parameters<typeof resolveAnswer>[0];

const change = (fields: Partial<AnswerChange> = {}): AnswerChange => ({ percent: null, blocked: false, sameAsBefore: false, ...fields });
/** The owner answering an open task last reported at 40%, unless a test says otherwise. */
const answer = (fields: Partial<Input> = {}): Input => ({ mayAnswer: true, isOpen: true, change: change(), previous: { percent: 40 }, ...fields });

describe('resolveAnswer', () => {
  it('refuses an answer from someone who is not the responsible person, whatever it says', () => {
    expect(resolveAnswer(answer({ mayAnswer: false, change: change({ percent: 60 }) }))).toEqual({ ok: false, problem: 'notYours' });
  });

  it('refuses an answer about a closed-out task', () => {
    expect(resolveAnswer(answer({ isOpen: false, change: change({ percent: 60 }) }))).toEqual({ ok: false, problem: 'closed' });
  });

  it('says "not yours" before "closed" when both apply, so a stranger learns nothing about the task', () => {
    expect(resolveAnswer(answer({ mayAnswer: false, isOpen: false, change: change({ percent: 60 }) }))).toEqual({ ok: false, problem: 'notYours' });
  });

  it('records a given percent, even one lower than last time', () => {
    expect(resolveAnswer(answer({ change: change({ percent: 60 }) }))).toEqual({ ok: true, percent: 60, blocked: false });
    expect(resolveAnswer(answer({ change: change({ percent: 10 }) }))).toEqual({ ok: true, percent: 10, blocked: false });
    expect(resolveAnswer(answer({ change: change({ percent: 0 }), previous: null }))).toEqual({ ok: true, percent: 0, blocked: false });
  });

  it('records a given percent together with blocked', () => {
    expect(resolveAnswer(answer({ change: change({ percent: 55, blocked: true }) }))).toEqual({ ok: true, percent: 55, blocked: true });
  });

  it('keeps the previous percent when the answer is only "blocked"', () => {
    expect(resolveAnswer(answer({ change: change({ blocked: true }), previous: { percent: 40 } }))).toEqual({ ok: true, percent: 40, blocked: true });
  });

  it('asks for a percent for "blocked" on a task never reported before, rather than record 0%', () => {
    expect(resolveAnswer(answer({ change: change({ blocked: true }), previous: null }))).toEqual({ ok: false, problem: 'noEarlierBlocked' });
    expect(resolveAnswer(answer({ change: change({ blocked: true, percent: 30 }), previous: null }))).toEqual({ ok: true, percent: 30, blocked: true });
    expect(resolveAnswer(answer({ change: change({ blocked: true }), previous: { percent: 40 } }))).toEqual({ ok: true, percent: 40, blocked: true });
  });

  it('keeps the previous percent, not blocked, for "no change"', () => {
    expect(resolveAnswer(answer({ change: change({ sameAsBefore: true }), previous: { percent: 70 } }))).toEqual({ ok: true, percent: 70, blocked: false });
  });

  it('refuses "no change" on a task with no earlier answer to repeat', () => {
    expect(resolveAnswer(answer({ change: change({ sameAsBefore: true }), previous: null }))).toEqual({ ok: false, problem: 'noEarlier' });
  });

  it('asks for a percent when the answer gives none, with or without an earlier answer', () => {
    expect(resolveAnswer(answer({ change: change() }))).toEqual({ ok: false, problem: 'missingPercent' });
    expect(resolveAnswer(answer({ change: change(), previous: null }))).toEqual({ ok: false, problem: 'missingPercent' });
  });
});
