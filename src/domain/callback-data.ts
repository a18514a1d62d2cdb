import { parseButtonValue, type ButtonValue } from './report-text.ts';

/**
 * What an inline button means, encoded into Telegram's 64-byte callback data and read back in
 * this one place: `r:<task>:<value>` a progress answer, `co:<close-out>:ok|back` a decision on a
 * close-out, `ia:<instruction>` an instruction acknowledged, `ms:<milestone>` a milestone marked
 * done, `mu:<milestone>` a leader asking to undo that mark, `im:<pending import>:ok|no` an admin's
 * decision on a table previewed in the chat, `as:<card>:<criterion>:<score>` a score on an
 * assessment card (score 0: the criterion's name, tapped), `ex:<request>:ok|no` a leader's
 * decision on an extension request, `lv:<leave>:<person>` the deputy chosen for a leave (0: nobody).
 */
export type ButtonAction =
  | { kind: 'progress'; taskId: number; value: ButtonValue }
  | { kind: 'closeOutDecision'; closeOutId: number; choice: 'ok' | 'back' }
  | { kind: 'instructionAck'; instructionId: number }
  | { kind: 'milestoneDone'; milestoneId: number }
  | { kind: 'milestoneUndo'; milestoneId: number }
  | { kind: 'importDecision'; pendingImportId: number; choice: 'ok' | 'no' }
  | { kind: 'score'; cardId: number; criterion: number; score: number }
  | { kind: 'extensionDecision'; requestId: number; choice: 'ok' | 'no' }
  | { kind: 'deputyChoice'; leaveId: number; personId: number };

/** @example encodeButton({ kind: 'progress', taskId: 12, value: 60 }) // 'r:12:60' */
export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'progress':
      return `r:${action.taskId}:${action.value}`;
    case 'closeOutDecision':
      return `co:${action.closeOutId}:${action.choice}`;
    case 'instructionAck':
      return `ia:${action.instructionId}`;
    case 'milestoneDone':
      return `ms:${action.milestoneId}`;
    case 'milestoneUndo':
      return `mu:${action.milestoneId}`;
    case 'importDecision':
      return `im:${action.pendingImportId}:${action.choice}`;
    case 'score':
      return `as:${action.cardId}:${action.criterion}:${action.score}`;
    case 'extensionDecision':
      return `ex:${action.requestId}:${action.choice}`;
    case 'deputyChoice':
      return `lv:${action.leaveId}:${action.personId}`;
  }
}

/** The action of a tapped button; undefined for data no button of ours carries (an old or forged one). */
export function decodeButton(data: string): ButtonAction | undefined {
  const progress = /^r:(\d+):(\d{1,3}|same|blocked)$/.exec(data);
  if (progress) {
    const value = parseButtonValue(progress[2]!);
    return value === null ? undefined : { kind: 'progress', taskId: Number(progress[1]), value };
  }
  const decision = /^co:(\d+):(ok|back)$/.exec(data);
  if (decision) return { kind: 'closeOutDecision', closeOutId: Number(decision[1]), choice: decision[2] as 'ok' | 'back' };
  const ack = /^ia:(\d+)$/.exec(data);
  if (ack) return { kind: 'instructionAck', instructionId: Number(ack[1]) };
  const milestone = /^m([su]):(\d+)$/.exec(data);
  if (milestone) return { kind: milestone[1] === 's' ? 'milestoneDone' : 'milestoneUndo', milestoneId: Number(milestone[2]) };
  const imported = /^im:(\d+):(ok|no)$/.exec(data);
  if (imported) return { kind: 'importDecision', pendingImportId: Number(imported[1]), choice: imported[2] as 'ok' | 'no' };
  const score = /^as:(\d+):(\d):(\d)$/.exec(data);
  if (score) return { kind: 'score', cardId: Number(score[1]), criterion: Number(score[2]), score: Number(score[3]) };
  const extension = /^ex:(\d+):(ok|no)$/.exec(data);
  if (extension) return { kind: 'extensionDecision', requestId: Number(extension[1]), choice: extension[2] as 'ok' | 'no' };
  const deputy = /^lv:(\d+):(\d+)$/.exec(data);
  if (deputy) return { kind: 'deputyChoice', leaveId: Number(deputy[1]), personId: Number(deputy[2]) };
  return undefined;
}
