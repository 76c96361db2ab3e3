import { diffArrays } from 'diff';
import type { Clause } from './clauses';

/** How a clause differs between two revisions. */
export type ClauseChangeKind = 'added' | 'removed' | 'modified' | 'unchanged';

/** One side of a clause in a diff: where it stood and what it said. */
export interface ClauseVersion {
  number: number;
  heading: string;
  text: string;
}

/** A run of a word-level diff: `equal` text is in both values, `delete` only old, `insert` only new. */
export interface Hunk {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** The diff entry of one clause id present in either revision, as CONTRACT.md describes it. */
export interface ClauseChange {
  clauseId: string;
  change: ClauseChangeKind;
  moved: boolean;
  before: ClauseVersion | null;
  after: ClauseVersion | null;
  hunks: Hunk[];
}

/** The number of clauses of each kind in a diff; `moved` counts independently of `change`. */
export interface DiffSummary {
  added: number;
  removed: number;
  modified: number;
  moved: number;
  unchanged: number;
}

// Beyond this many token edits a clause was rewritten rather than edited, and Myers' O(ND)
// search would only burn time: the hunks then replace the whole value.
const MAX_EDIT_LENGTH = 1000;

// One token each: an ayat number `(1)`, a list marker `a.` / `1.` after a non-word, a number
// (`1.000.000,00` whole), a word (reduplication `masing-masing` whole; digits split off, so
// `Rp1.000` is `Rp` + `1.000`), a newline, a run of other whitespace, or any other single
// character (punctuation).
const TOKEN = new RegExp(
  [
    String.raw`\(\p{N}{1,3}\)|\(\p{L}\)`,
    String.raw`(?<![\p{L}\p{N}])(?:\p{L}|\p{N}{1,3})\.(?=\s|$)`,
    String.raw`\p{N}+(?:[.,]\p{N}+)*`,
    String.raw`\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*`,
    String.raw`\n|[^\S\n]+|[\s\S]`,
  ].join('|'),
  'gu',
);

/**
 * Compares two clause lists by clause id, in the order of `after` with each removed clause
 * placed after the nearest clause before it that survives. Ids are assumed unique within a list;
 * a repeated id after its first occurrence is ignored.
 */
export function diffClauses(before: Clause[], after: Clause[]): ClauseChange[] {
  const oldById = indexById(before);
  const newById = indexById(after);
  const oldClauses = [...oldById.values()];
  const newClauses = [...newById.values()];

  const oldPosition = new Map(oldClauses.map((clause, i) => [clause.id, i]));
  const survivors = newClauses.filter((clause) => oldPosition.has(clause.id));
  const outOfOrder = outsideLongestIncreasing(
    survivors.map((clause) => oldPosition.get(clause.id) ?? 0),
  );
  const movedSet = new Set(outOfOrder.map((i) => survivors[i].id));

  // Removed clauses hang after the nearest preceding survivor of `before` (null: at the start).
  const removedAfter = new Map<string | null, Clause[]>();
  let anchor: string | null = null;
  for (const clause of oldClauses) {
    if (newById.has(clause.id)) {
      anchor = clause.id;
    } else {
      const group = removedAfter.get(anchor) ?? [];
      group.push(clause);
      removedAfter.set(anchor, group);
    }
  }

  const changes: ClauseChange[] = (removedAfter.get(null) ?? []).map(removedChange);
  for (const clause of newClauses) {
    const old = oldById.get(clause.id);
    if (old === undefined) {
      changes.push({ ...entry(clause.id, 'added', null, clause), moved: false });
      continue;
    }
    changes.push(survivorChange(old, clause, movedSet.has(clause.id)));
    changes.push(...(removedAfter.get(clause.id) ?? []).map(removedChange));
  }
  return changes;
}

/** Diffs two strings word by word: equal+insert rebuild `newText`, equal+delete `oldText`. */
export function wordHunks(oldText: string, newText: string): Hunk[] {
  const oldTokens = tokenize(oldText);
  const newTokens = tokenize(newText);
  const parts = diffArrays(oldTokens, newTokens, { maxEditLength: MAX_EDIT_LENGTH });
  const hunks: Hunk[] =
    parts === undefined
      ? [
          { op: 'delete', text: oldText },
          { op: 'insert', text: newText },
        ]
      : parts.map((part) => ({
          op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
          text: part.value.join(''),
        }));
  return normalizeHunks(hunks);
}

/** Splits text into the diff's tokens, which concatenate back to `text`. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Counts the clauses of each kind in a diff. */
export function summarizeDiff(changes: ClauseChange[]): DiffSummary {
  const summary: DiffSummary = { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 };
  for (const change of changes) {
    summary[change.change] += 1;
    if (change.moved) summary.moved += 1;
  }
  return summary;
}

/** Lists the ids of the clauses that were added, removed or modified, in diff order. */
export function changedClauseIds(changes: ClauseChange[]): string[] {
  return changes.filter((change) => change.change !== 'unchanged').map((change) => change.clauseId);
}

function indexById(clauses: Clause[]): Map<string, Clause> {
  const byId = new Map<string, Clause>();
  for (const clause of clauses) if (!byId.has(clause.id)) byId.set(clause.id, clause);
  return byId;
}

function version(clause: Clause): ClauseVersion {
  return { number: clause.number, heading: clause.heading, text: clause.text };
}

function entry(
  clauseId: string,
  change: ClauseChangeKind,
  before: Clause | null,
  after: Clause | null,
): Omit<ClauseChange, 'moved'> {
  return {
    clauseId,
    change,
    before: before && version(before),
    after: after && version(after),
    hunks: [],
  };
}

function removedChange(clause: Clause): ClauseChange {
  return { ...entry(clause.id, 'removed', clause, null), moved: false };
}

function survivorChange(old: Clause, clause: Clause, moved: boolean): ClauseChange {
  if (old.heading === clause.heading && old.text === clause.text) {
    return { ...entry(clause.id, 'unchanged', old, clause), moved };
  }
  return {
    ...entry(clause.id, 'modified', old, clause),
    moved,
    hunks: wordHunks(`${old.heading}\n${old.text}`, `${clause.heading}\n${clause.text}`),
  };
}

/**
 * Given the old positions of the surviving clauses in their new order, returns the indices
 * (into that sequence) outside one longest increasing subsequence: the clauses that moved.
 */
function outsideLongestIncreasing(oldPositions: number[]): number[] {
  // Patience sorting: tails[k] is the index ending the best increasing run of length k + 1.
  const tails: number[] = [];
  const previous = new Array<number>(oldPositions.length).fill(-1);
  oldPositions.forEach((position, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (oldPositions[tails[mid]] < position) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1];
    tails[low] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i]) kept.add(i);
  return oldPositions.flatMap((_, i) => (kept.has(i) ? [] : [i]));
}

/**
 * Joins each run of changes into one delete followed by one insert, and folds a lone
 * whitespace token between two changes into both, so "a b c" → "x y z" reads as one
 * replacement rather than three.
 */
function normalizeHunks(hunks: Hunk[]): Hunk[] {
  const result: Hunk[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted !== '') result.push({ op: 'delete', text: deleted });
    if (inserted !== '') result.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  hunks.forEach((hunk, i) => {
    if (hunk.text === '') return;
    if (hunk.op === 'delete') deleted += hunk.text;
    else if (hunk.op === 'insert') inserted += hunk.text;
    else if (isGlue(hunk.text) && i > 0 && i < hunks.length - 1 && (deleted || inserted)) {
      deleted += hunk.text;
      inserted += hunk.text;
    } else {
      flush();
      const last = result.at(-1);
      if (last?.op === 'equal') last.text += hunk.text;
      else result.push({ ...hunk });
    }
  });
  flush();
  return result;
}

function isGlue(text: string): boolean {
  return /^[^\S\n]+$/.test(text);
}
