import type { CellStatus, SignoffStatus } from '../../shared/apiTypes';
import { diffNaskah, type ClauseChange } from '../../shared/clauseDiff';
import { PART_IDS, PEMBUKAAN, PENUTUP, type Naskah } from '../../shared/naskah';

export type { CellStatus, SignoffStatus };

/** The clauses an agency's sign-off covers: all of them (including later ones), or a set of ids. */
export type Concern = 'all' | ReadonlySet<string>;

/** A concern as stored: `"all"` or a list of clause ids. */
export type StoredConcern = 'all' | string[];

/** An agency's latest decision, as the status rules need it. */
export interface Decision {
  revision: number;
  decision: 'approve' | 'changes_requested';
  /** What the agency's concern was when it decided; null for decisions older than that record. */
  concern: StoredConcern | null;
}

/** Whether a concern covers a clause; the pembukaan and penutup concern every agency. */
export const covers = (concern: Concern, clauseId: string) =>
  concern === 'all' || PART_IDS.includes(clauseId) || concern.has(clauseId);

/** Reads a stored concern (null: never set, so all clauses). */
export const concernFrom = (stored: StoredConcern | null | undefined): Concern =>
  stored === null || stored === undefined || stored === 'all' ? 'all' : new Set(stored);

/**
 * What an agency's decision covers: the concern it had when it decided together with its
 * concern now, so narrowing the concern after a decision cannot let a change to a clause the
 * agency initialled pass unseen.
 */
export function effectiveConcern(current: Concern, decision: Decision | undefined): Concern {
  if (!decision || decision.concern === null) return current;
  const then = concernFrom(decision.concern);
  if (current === 'all' || then === 'all') return 'all';
  return new Set([...current, ...then]);
}

/** The clauses a concern reaches only through references: cited clause id → the concerned clauses citing it. */
export type CitedBy = Record<string, string[]>;

/**
 * What a concern covers through references (CONTRACT.md, "Cross-references"): each clause cited
 * by a clause it covers, in any of the given revisions, with the clauses citing it.
 */
export function citedThrough(concern: Concern, ...naskahs: Naskah[]): CitedBy {
  const via: CitedBy = {};
  if (concern === 'all') return via;
  for (const naskah of naskahs) {
    for (const clause of naskah.clauses) {
      if (!concern.has(clause.id)) continue;
      for (const cited of clause.cites ?? []) {
        if (concern.has(cited)) continue;
        via[cited] ??= [];
        if (!via[cited].includes(clause.id)) via[cited].push(clause.id);
      }
    }
  }
  return via;
}

/** A concern widened by the clauses it reaches through references. */
export function withCited(concern: Concern, via: CitedBy): Concern {
  if (concern === 'all') return concern;
  return new Set([...concern, ...Object.keys(via)]);
}

/**
 * The ids of the parts and clauses changed (edited, added or removed) between two revisions that
 * the concern covers, the clauses its clauses cite included, compared by content: a clause that
 * only moved or was renumbered has not changed, and a clause repeating another's id is a change
 * of its own.
 */
export function changedConcernedClauses(from: Naskah, to: Naskah, concern: Concern): string[] {
  const widened = withCited(concern, citedThrough(concern, from, to));
  return diffNaskah(from, to)
    .filter((c) => c.change !== 'unchanged' && covers(widened, c.clauseId))
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
  naskahOf: (revision: number) => Naskah,
  latest: number,
): { status: SignoffStatus; changedClauses: string[]; citedBy: CitedBy } {
  if (!decision) return { status: 'pending', changedClauses: [], citedBy: {} };
  if (decision.decision === 'changes_requested')
    return { status: 'changes_requested', changedClauses: [], citedBy: {} };
  if (decision.revision === latest) return { status: 'approved', changedClauses: [], citedBy: {} };
  const from = naskahOf(decision.revision);
  const to = naskahOf(latest);
  const changed = changedConcernedClauses(from, to, concern);
  const via = citedThrough(concern, from, to);
  const citedBy: CitedBy = {};
  for (const id of changed) if (via[id]) citedBy[id] = via[id];
  return { status: changed.length ? 'stale' : 'approved', changedClauses: changed, citedBy };
}

/**
 * One agency's cells for the rows of the latest revision (pembukaan, each Pasal, penutup, in
 * that order): each row's entry of the diff from the revision it approved tells whether the
 * row still reads as it did.
 */
export function agencyCells(
  latest: Naskah,
  decision: Decision | undefined,
  concern: Concern,
  approved: Naskah | undefined,
): CellStatus[] {
  const ids = rowIds(latest);
  const widened = withCited(
    concern,
    citedThrough(concern, ...(approved ? [approved] : []), latest),
  );
  const since: (ClauseChange | undefined)[] =
    decision?.decision === 'approve' && approved
      ? diffNaskah(approved, latest).filter((c) => c.change !== 'removed')
      : [];
  return ids.map((id, row) => {
    if (!covers(widened, id)) return 'not_concerned';
    if (!decision) return 'pending';
    if (decision.decision === 'changes_requested') return 'changes_requested';
    return since[row]?.change === 'unchanged' ? 'approved' : 'stale';
  });
}

/** The ids of the matrix rows of a naskah: pembukaan, every Pasal in order, penutup. */
export function rowIds(naskah: Naskah): string[] {
  return [PEMBUKAAN, ...naskah.clauses.map((c) => c.id), PENUTUP];
}
