import { describe, expect, it } from 'vitest';
import { decodeButton, encodeButton, type ButtonAction } from '../../src/domain/callback-data.ts';
import { may } from '../../src/domain/permissions.ts';

describe('button data', () => {
  it('reads back every action it writes, within Telegram’s 64 bytes', () => {
    const actions: ButtonAction[] = [
      { kind: 'progress', taskId: 123456, value: 60 },
      { kind: 'progress', taskId: 7, value: 'same' },
      { kind: 'progress', taskId: 7, value: 'blocked' },
      { kind: 'closeOutDecision', closeOutId: 99, choice: 'back' },
      { kind: 'instructionAck', instructionId: 5 },
      { kind: 'milestoneDone', milestoneId: 4_000_000 },
      { kind: 'milestoneUndo', milestoneId: 12 },
    ];
    for (const action of actions) {
      expect(decodeButton(encodeButton(action))).toEqual(action);
      expect(Buffer.byteLength(encodeButton(action))).toBeLessThanOrEqual(64);
    }
  });

  it('knows no data of a forged or an old button: 120%, a stray word, nothing', () => {
    for (const data of ['r:7:120', 'r:7:maybe', 'co:1:yes', 'ia:x', 'ms:', 'mu:1:2', '', 'x'.repeat(64)]) expect(decodeButton(data), data).toBeUndefined();
  });
});

describe('who may do what', () => {
  const task = { ownerId: 7, leaderId: 2 };
  it('lets only the responsible person answer, and only the task’s leader or an admin decide a close-out', () => {
    expect(may.answer({ personId: 7, role: 'owner', isAdmin: false }, task)).toBe(true);
    expect(may.answer({ personId: 8, role: 'owner', isAdmin: true }, task)).toBe(false);
    expect(may.answer({ personId: null, role: null, isAdmin: false }, { ownerId: 0, leaderId: 0 })).toBe(false);
    expect(may.decideCloseOut({ personId: 2, role: 'leader', isAdmin: false }, task)).toBe(true);
    expect(may.decideCloseOut({ personId: 3, role: 'leader', isAdmin: false }, task)).toBe(false);
    expect(may.decideCloseOut({ personId: null, role: null, isAdmin: true }, task)).toBe(true);
    expect(may.lead({ personId: 7, role: 'owner', isAdmin: false })).toBe(false);
    expect(may.lead({ personId: null, role: null, isAdmin: true })).toBe(true);
    // Undoing a milestone's mark is the same call as a close-out's: the leader in charge or an admin.
    expect(may.undoMilestoneMark({ personId: 2, role: 'leader', isAdmin: false }, task)).toBe(true);
    expect(may.undoMilestoneMark({ personId: 7, role: 'owner', isAdmin: false }, task)).toBe(false);
  });
});
