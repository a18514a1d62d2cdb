import type { ColumnType, Generated } from 'kysely';
import type { UnitType } from '../domain/unit-type.ts';

/**
 * The tables as the code sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * Instants are ISO-8601 strings in UTC (`2025-06-30T01:00:00.000Z`); calendar days are
 * `YYYY-MM-DD` strings; booleans are 0 or 1.
 */
export interface Database {
  units: UnitTable;
  people: PersonTable;
  tasks: TaskTable;
  milestones: MilestoneTable;
  milestoneMarks: MilestoneMarkTable;
  cycles: CycleTable;
  checkIns: CheckInTable;
  invites: InviteTable;
  auditLog: AuditLogTable;
  meta: MetaTable;
  outbox: OutboxTable;
  outboxFiles: OutboxFileTable;
  messageLinks: MessageLinkTable;
  unreachableChats: UnreachableChatTable;
  processedUpdates: ProcessedUpdateTable;
  stepRuns: StepRunTable;
  instructions: InstructionTable;
  closeOuts: CloseOutTable;
  digestSnapshots: DigestSnapshotTable;
  taskCoUnits: TaskCoUnitTable;
  taskCoPeople: TaskCoPersonTable;
  pendingImports: PendingImportTable;
  publicCommitments: PublicCommitmentTable;
  commitmentChanges: CommitmentChangeTable;
  leases: LeaseTable;
  assessmentRounds: AssessmentRoundTable;
  assessmentCards: AssessmentCardTable;
  assessmentResults: AssessmentResultTable;
  calendarDays: CalendarDayTable;
  extensionRequests: ExtensionRequestTable;
  leaves: LeaveTable;
}

type CreatedAt = ColumnType<string, string | undefined, never>;
/** A column the database fills in with its default when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UnitTable {
  id: Generated<number>;
  name: string;
  /** 'leadership' for the leadership group (领导班子), which the leaders in charge belong to. */
  kind: Defaulted<'unit' | 'leadership'>;
  /** 单位类型, for assessment rounds: one of `unitTypes`; null until the table or an admin says. */
  unitType: ColumnType<UnitType | null, UnitType | null | undefined, UnitType | null>;
  parentId: number | null;
  createdAt: CreatedAt;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  unitId: number;
  telegramUserId: number | null;
  linkedAt: string | null;
  createdAt: CreatedAt;
}

export interface TaskTable {
  id: Generated<number>;
  code: string;
  title: string;
  target: string | null;
  category: string | null;
  unitId: number;
  leaderId: number;
  ownerId: number;
  startDate: string;
  /** null: a standing task (长期坚持, 常态化), never due. */
  dueDate: string | null;
  lat: number | null;
  lng: number | null;
  isPublic: number;
  /** 'withdrawn' (撤销): no longer in the office's table, or withdrawn by an admin; kept with its history. */
  status: Defaulted<'open' | 'done' | 'withdrawn'>;
  /** When it was closed out (done) or withdrawn. */
  closedAt: string | null;
  withdrawnReason: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
  updatedAt: string;
  /** The latest check-in, by reported_at then id: set by `recordAnswer`, the one writer of check-ins. */
  latestCheckInId: ColumnType<number | null, never, number | null>;
  /** A follow-up task (测评整改): the assessment round whose low scores it answers. Never withdrawn by an import. */
  assessmentRoundId: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MilestoneTable {
  id: Generated<number>;
  taskId: number;
  dueDate: string;
  description: string;
  /** The task's progress expected by this step, in percent; null: spaced evenly. */
  share: number | null;
  /** When it was marked done (an instant, UTC), the day that was in TIMEZONE, and by whom. */
  doneAt: string | null;
  doneOn: string | null;
  doneBy: number | null;
}

/** A milestone marked done, or a mark undone with its reason: the history of a task's milestones. */
export interface MilestoneMarkTable {
  id: Generated<number>;
  milestoneId: number;
  taskId: number;
  /** The milestone's date and words when it was marked. */
  dueDate: string;
  description: string;
  action: 'done' | 'undone';
  at: string;
  personId: number | null;
  /** Who did it, by name, also when they are not a person of the table (an admin). */
  actor: string;
  reason: string | null;
  /** JSON array of `photo:<file id>` / `document:<file id>`. */
  evidence: Defaulted<string>;
}

export interface CycleTable {
  id: Generated<number>;
  /** The ISO week in TIMEZONE, e.g. `2025-W27`. */
  week: string;
  startsAt: string;
  endsAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface CheckInTable {
  id: Generated<number>;
  taskId: number;
  cycleId: number;
  personId: number;
  percent: number;
  note: string | null;
  problems: string | null;
  nextSteps: string | null;
  blocked: Defaulted<number>;
  /** JSON array of Telegram file ids sent as evidence. */
  evidence: Defaulted<string>;
  late: Defaulted<number>;
  reportedAt: string;
  /** How the answer came: a progress button, a reply to a prompt, or a command. */
  via: Defaulted<'button' | 'reply' | 'command'>;
  /** The message the answer was written in, so that editing it corrects the answer. */
  sourceChatId: number | null;
  sourceMessageId: number | null;
  /** Set when a deputy answered (代报): the responsible person on leave they answered for. */
  onBehalfOf: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface InviteTable {
  id: Generated<number>;
  personId: number;
  /** Random; the code is derived from it with a key the database does not hold. */
  salt: string;
  /** HMAC of the code under that key: what `/start CODE` is looked up by. */
  codeHash: string;
  createdAt: CreatedAt;
  usedAt: string | null;
  usedByTelegramUserId: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export type OutboxMethod = 'sendMessage' | 'sendPhoto' | 'sendDocument' | 'sendMediaGroup' | 'answerCallbackQuery';

export interface OutboxTable {
  id: Generated<number>;
  /** What the message is, e.g. `prompt:12:345` (cycle 12, task 345): enqueuing it again does nothing. */
  dedupeKey: string;
  chatId: number;
  method: OutboxMethod;
  /** The Bot API parameters, JSON, without chat_id. */
  payload: string;
  personId: number | null;
  taskId: number | null;
  cycleId: number | null;
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  attempts: Defaulted<number>;
  createdAt: string;
  sentAt: string | null;
  telegramMessageId: number | null;
  error: string | null;
  /** After a transient failure: not tried again before this instant. */
  nextAttemptAt: string | null;
  /** The file of a sendPhoto or sendDocument. */
  attachment: Buffer | null;
  attachmentName: string | null;
  /** 1 for a reply to what a person just wrote: sent before bulk messages (0). */
  priority: Defaulted<number>;
  /** What a reply to the sent message means (message_links.purpose); null: about `taskId`. */
  linkPurpose: LinkPurpose | null;
  linkRefId: number | null;
  /** The sender that has taken the row to send it: a lease holder; the claim lives as long as its lease. */
  claimedBy: string | null;
}

/** Work only one process does at a time (sending, polling): who holds it, until when unless renewed. */
export interface LeaseTable {
  name: 'sender' | 'poller';
  holder: string;
  expiresAt: string;
}

/**
 * What a reply to a sent message means: about its task; the evidence of a close-out; why one is
 * sent back; the evidence of a milestone marked done; why a mark is undone; the percent of a
 * "blocked" tapped with no earlier answer; the scores of an assessment card (`refId` the card);
 * why an extension was refused (`refId` the request).
 */
export type LinkPurpose = 'task' | 'closeOutEvidence' | 'returnReason' | 'milestoneEvidence' | 'milestoneUndoReason' | 'blockedPercent' | 'scoreCard' | 'extensionReason';

/** The photos of an album (sendMediaGroup), in the order they are shown. */
export interface OutboxFileTable {
  outboxId: number;
  position: number;
  name: string;
  bytes: Buffer;
}

export interface MessageLinkTable {
  chatId: number;
  messageId: number;
  /** null for a message about no task (a scoring card). */
  taskId: number | null;
  /** What a reply to the message is: about the task, the evidence of a close-out, or why one is sent back. */
  purpose: Defaulted<LinkPurpose>;
  refId: number | null;
}

/** A chat that answered 403 (blocked the bot, deactivated): nothing is sent until they write again. */
export interface UnreachableChatTable {
  chatId: number;
  since: string;
  reason: string;
  failures: Defaulted<number>;
}

export interface ProcessedUpdateTable {
  updateId: number;
  processedAt: string;
}

/** A scheduled step that ran for its slot (the cron occurrence it stands for): each runs once. */
export interface StepRunTable {
  step: 'prompt' | 'remind' | 'digest' | 'backup' | 'assessRemind';
  slot: string;
  ranAt: string;
  by: string;
}

/** A leader's instruction (批示) on a task, relayed to the responsible person. */
export interface InstructionTable {
  id: Generated<number>;
  taskId: number;
  authorId: number | null;
  authorName: string;
  authorChatId: number;
  text: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

/** A request to close a task out (销号) with evidence, and the leader's decision. */
export interface CloseOutTable {
  id: Generated<number>;
  taskId: number;
  requestedBy: number;
  /** JSON array of Telegram file ids. */
  evidence: string;
  note: string | null;
  requestedAt: string;
  decision: 'confirmed' | 'returned' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

/** What a cycle's digest said, for next week's "change since last week". */
export interface DigestSnapshotTable {
  cycleId: number;
  /** JSON: counts by light. */
  counts: string;
  /** JSON: units in rank order. */
  units: string;
  createdAt: string;
}

/** A unit named with a task besides its lead unit (配合单位): told of the task, not ranked for it. */
export interface TaskCoUnitTable {
  taskId: number;
  unitId: number;
  position: number;
}

/** Further people named in a task's 责任人 or 分管领导 cell: the first named reports or is in charge. */
export interface TaskCoPersonTable {
  taskId: number;
  personId: number;
  role: 'owner' | 'leader';
  position: number;
}

/** A table an admin sent in the chat, read and previewed, waiting for Confirm or Cancel. */
export interface PendingImportTable {
  id: Generated<number>;
  telegramUserId: number;
  fileName: string;
  /** The validated rows, as JSON: what Confirm applies, without reading the file again. */
  rows: string;
  createdAt: string;
  settledAt: string | null;
  outcome: 'applied' | 'cancelled' | 'stale' | null;
}

/** 立此存照: a public task's commitment as first published. */
export interface PublicCommitmentTable {
  taskId: number;
  publishedAt: string;
  target: string | null;
  dueDate: string | null;
  /** `DATE description` a line, as first published. */
  milestones: string;
}

/** A change to a published commitment, shown beside the original. */
export interface CommitmentChangeTable {
  id: Generated<number>;
  taskId: number;
  at: string;
  field: 'due' | 'target' | 'milestones' | 'withdrawn';
  before: string | null;
  after: string | null;
}

/** A scoring round (联动考核): units of one type score units of another on a few criteria. */
export interface AssessmentRoundTable {
  id: Generated<number>;
  name: string;
  /** The name folded (case, width, spaces): two rounds cannot differ only in how they are typed. */
  nameKey: string;
  raterType: UnitType;
  targetType: UnitType;
  /** JSON array of the criteria's names, in the order scores are given. */
  criteria: string;
  openedAt: string;
  openedBy: string;
  /** The last day scores are taken, in TIMEZONE; null: until an admin closes it. */
  closesOn: string | null;
  closedAt: string | null;
}

/** One rater's card for one target unit: sent when the round opens, scored until it closes. */
export interface AssessmentCardTable {
  id: Generated<number>;
  roundId: number;
  personId: number;
  /** The rater's unit when the round opened: whose voice the card is part of. */
  raterUnitId: number;
  targetUnitId: number;
  /** JSON array, a score (1–5) or null per criterion. */
  scores: string;
  comment: string | null;
  scoredAt: string | null;
}

/** A target's results as they stood when its round closed. */
export interface AssessmentResultTable {
  roundId: number;
  unitId: number;
  raters: number;
  raterUnits: number;
  /** JSON array of the criteria's means; null: too few rater units. */
  means: string | null;
  overall: number | null;
  rank: number | null;
  /** JSON array of the comments, without names; empty when too few rater units. */
  comments: string;
}

/** A day the admin marked: off (休) or working (班), over the built-in public holidays. */
export interface CalendarDayTable {
  /** `YYYY-MM-DD`. */
  day: string;
  kind: 'rest' | 'work';
  name: string | null;
  importedAt: string;
}

/** A request to move a task's due date (延期申请), and the leader's decision. */
export interface ExtensionRequestTable {
  id: Generated<number>;
  taskId: number;
  requestedBy: number;
  requestedAt: string;
  /** The due date when asked, and the one asked for. */
  dueBefore: string;
  dueAsked: string;
  reason: string;
  decision: 'approved' | 'refused' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Why it was refused, if the leader said. */
  decisionReason: string | null;
}

/** A person away (请假), from one day to another in TIMEZONE, and who reports in their place. */
export interface LeaveTable {
  id: Generated<number>;
  personId: number;
  fromDay: string;
  toDay: string;
  /** null: nobody stands in; the person's tasks are marked on leave, not silent. */
  deputyId: number | null;
  createdBy: string;
  createdAt: string;
}
