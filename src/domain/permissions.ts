/** Who is acting: the linked person (if any), their role, and whether they are an admin (督考办). */
export interface Actor {
  personId: number | null;
  role: 'owner' | 'leader' | null;
  isAdmin: boolean;
}

/** A task as far as the rules of who may do what need it. */
export interface TaskParties {
  ownerId: number;
  leaderId: number;
}

/** The task's leader in charge, or an admin (督考办): who overrules what the responsible person did. */
const leaderInChargeOrAdmin = (actor: Actor, task: TaskParties) => (actor.personId !== null && actor.personId === task.leaderId) || actor.isAdmin;

/**
 * Who may do what, in one place: every flow asks here.
 *
 * @example may.answer({ personId: 7, role: 'owner', isAdmin: false }, { ownerId: 7, leaderId: 2 }) // true
 */
export const may = {
  /** Report on a task, mark its milestones done, close it out, acknowledge an instruction on it: its responsible person. */
  answer: (actor: Actor, task: TaskParties) => actor.personId !== null && actor.personId === task.ownerId,
  /** Use the leaders' desk (/task, /unit, /overdue, instructions): leaders in charge and admins. */
  lead: (actor: Actor) => actor.role === 'leader' || actor.isAdmin,
  /** Confirm or return a close-out: the task's leader in charge, or an admin. */
  decideCloseOut: leaderInChargeOrAdmin,
  /** Undo a wrong mark of a milestone done, with a reason: the task's leader in charge, or an admin. */
  undoMilestoneMark: leaderInChargeOrAdmin,
  /** Approve or refuse moving a due date (延期): the task's leader in charge, or an admin. */
  decideExtension: leaderInChargeOrAdmin,
};
