import type { Clause } from '../../shared/clauses';
import { diffClauses } from '../../shared/clauseDiff';

/** An agency's sign-off status against the latest revision. */
export type SignoffStatus = 'pending' | 'approved' | 'stale' | 'changes_requested';

/** A matrix cell: the status of one agency for one clause. */
export type CellStatus = SignoffStatus | 'not_concerned';

/** The clauses an agency's sign-off covers: all of them (including later ones), or a set of ids. */
export type Concern = 'all' | ReadonlySet<string>;

/** An agency's latest decision, as the status rules need it. */
export interface Decision {
  revision: number;
  decision: 'approve' | 'changes_requested';
}

const covers = (concern: Concern, clauseId: string) => concern === 'all' || concern.has(clauseId);

/**
 * The ids of the clauses changed (edited, added or removed) between two revisions that the
 * concern covers. A clause that only moved or was renumbered has not changed.
 */
export function changedConcernedClauses(from: Clause[], to: Clause[], concern: Concern): string[] {
  return diffClauses(from, to)
    .filter((c) => c.change !== 'unchanged' && covers(concern, c.clauseId))
    .map((c) => c.clauseId);
}

/**
 * An agency's status against the latest revision: pending without a decision, changes_requested
 * when that is its latest decision, else approved unless a clause it is concerned with changed
 * between the revision it approved and the latest one (stale, with those clause ids).
 */
export function agencyStatus(
  decision: Decision | undefined,
  concern: Concern,
  clausesOf: (revision: number) => Clause[],
  latest: number,
): { status: SignoffStatus; changedClauses: string[] } {
  if (!decision) return { status: 'pending', changedClauses: [] };
  if (decision.decision === 'changes_requested')
    return { status: 'changes_requested', changedClauses: [] };
  if (decision.revision === latest) return { status: 'approved', changedClauses: [] };
  const changed = changedConcernedClauses(clausesOf(decision.revision), clausesOf(latest), concern);
  return { status: changed.length ? 'stale' : 'approved', changedClauses: changed };
}

/** One agency's cell for one clause of the latest revision. */
export function clauseCell(
  clause: Clause,
  decision: Decision | undefined,
  concern: Concern,
  approvedClauses: Map<string, Clause> | undefined,
): CellStatus {
  if (!covers(concern, clause.id)) return 'not_concerned';
  if (!decision) return 'pending';
  if (decision.decision === 'changes_requested') return 'changes_requested';
  const then = approvedClauses?.get(clause.id);
  return then && then.heading === clause.heading && then.text === clause.text
    ? 'approved'
    : 'stale';
}
