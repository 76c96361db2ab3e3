import { diffArrays } from 'diff';
import type { Clause } from './clauses';
import { stripLabel } from './numbering';
import { PEMBUKAAN, PENUTUP, type Naskah, type NaskahPart } from './naskah';
import { labelHunks, labelsInOrder } from './rujukanDiff';

/** How a clause differs between two revisions. */
export type ClauseChangeKind = 'added' | 'removed' | 'modified' | 'unchanged';

/** One side of a clause in a diff: where it stood (null for the pembukaan and penutup) and what it said. */
export interface ClauseVersion {
  number: number | null;
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

// One token each: a reference in a comparison text `⟦ids⟧`, an ayat number `(1)`, a list marker `a.` / `1.` after a non-word, a number
// (`1.000.000,00` whole), a word (reduplication `masing-masing` whole; digits split off, so
// `Rp1.000` is `Rp` + `1.000`), a newline, a run of other whitespace, or any other single
// character (punctuation).
const TOKEN = new RegExp(
  [
    '⟦[^⟧]*⟧',
    String.raw`\(\p{N}{1,3}\)|\(\p{L}\)`,
    String.raw`(?<![\p{L}\p{N}])(?:\p{L}|\p{N}{1,3})\.(?=\s|$)`,
    String.raw`\p{N}+(?:[.,]\p{N}+)*`,
    String.raw`\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*`,
    String.raw`\n|[^\S\n]+|[\s\S]`,
  ].join('|'),
  'gu',
);

/**
 * Compares two naskah: the pembukaan first, the Pasal as `diffClauses` does, the penutup last.
 * Both parts are always there; a change in either is `modified`.
 */
export function diffNaskah(before: Naskah, after: Naskah): ClauseChange[] {
  return [
    partChange(PEMBUKAAN, before.pembukaan, after.pembukaan),
    ...diffClauses(before.clauses, after.clauses),
    partChange(PENUTUP, before.penutup, after.penutup),
  ];
}

/**
 * Compares two clause lists by clause id, in the order of `after` with each removed clause
 * placed after the nearest clause before it that survives. A list that repeats an id hides
 * nothing: the k-th clause carrying an id is matched with the k-th one of the other list, so a
 * repeated clause is an entry of its own (e.g. `added`) under that id.
 */
export function diffClauses(before: Clause[], after: Clause[]): ClauseChange[] {
  const oldClauses = keyed(before);
  const newClauses = keyed(after);
  const oldByKey = new Map(oldClauses.map((k) => [k.key, k.clause]));
  const newKeys = new Set(newClauses.map((k) => k.key));

  const oldPosition = new Map(oldClauses.map((k, i) => [k.key, i]));
  const survivors = newClauses.filter((k) => oldPosition.has(k.key));
  const outOfOrder = outsideLongestIncreasing(survivors.map((k) => oldPosition.get(k.key) ?? 0));
  const movedSet = new Set(outOfOrder.map((i) => survivors[i].key));

  // Removed clauses hang after the nearest preceding survivor of `before` (null: at the start).
  const removedAfter = new Map<string | null, Clause[]>();
  let anchor: string | null = null;
  for (const { key, clause } of oldClauses) {
    if (newKeys.has(key)) {
      anchor = key;
    } else {
      const group = removedAfter.get(anchor) ?? [];
      group.push(clause);
      removedAfter.set(anchor, group);
    }
  }

  const changes: ClauseChange[] = (removedAfter.get(null) ?? []).map(removedChange);
  for (const { key, clause } of newClauses) {
    const old = oldByKey.get(key);
    if (old === undefined) {
      changes.push({ ...entry(clause.id, 'added', null, version(clause)), moved: false });
      continue;
    }
    changes.push(survivorChange(old, clause, movedSet.has(key)));
    changes.push(...(removedAfter.get(key) ?? []).map(removedChange));
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

/** Each clause with a key unique in its list: its id and how many clauses carried it before. */
function keyed(clauses: Clause[]): { key: string; clause: Clause }[] {
  const seen = new Map<string, number>();
  return clauses.map((clause) => {
    const occurrence = seen.get(clause.id) ?? 0;
    seen.set(clause.id, occurrence + 1);
    return { key: JSON.stringify([clause.id, occurrence]), clause };
  });
}

function version(clause: Clause): ClauseVersion {
  return { number: clause.number, heading: clause.heading, text: clause.text };
}

function partVersion(part: NaskahPart): ClauseVersion {
  return { number: null, heading: part.heading, text: part.text };
}

function entry(
  clauseId: string,
  change: ClauseChangeKind,
  before: ClauseVersion | null,
  after: ClauseVersion | null,
): Omit<ClauseChange, 'moved'> {
  return { clauseId, change, before, after, hunks: [] };
}

function removedChange(clause: Clause): ClauseChange {
  return { ...entry(clause.id, 'removed', version(clause), null), moved: false };
}

function survivorChange(old: Clause, clause: Clause, moved: boolean): ClauseChange {
  return { ...compared(clause.id, version(old), version(clause), old, clause), moved };
}

function partChange(id: string, old: NaskahPart, part: NaskahPart): ClauseChange {
  return { ...compared(id, partVersion(old), partVersion(part), old, part), moved: false };
}

/**
 * `unchanged` when heading and text are equal, else `modified` with word hunks. The hunks
 * compare the number-free text (CONTRACT.md, "Legal structure"), so an ayat renumbered only
 * because another was inserted before it shows no change of its own; references compare by
 * what they cite (`identityText`), so one whose label changed with the numbering is no change.
 */
function compared(
  id: string,
  old: ClauseVersion,
  now: ClauseVersion,
  oldSource: { identityText?: string } = {},
  nowSource: { identityText?: string } = {},
): Omit<ClauseChange, 'moved'> {
  const oldIdentity = oldSource.identityText ?? old.text;
  const nowIdentity = nowSource.identityText ?? now.text;
  if (old.heading === now.heading && oldIdentity === nowIdentity)
    return entry(id, 'unchanged', old, now);
  const oldLabels = labelsInOrder(old.text, oldIdentity);
  const nowLabels = labelsInOrder(now.text, nowIdentity);
  const byIdentity = oldLabels !== null && nowLabels !== null;
  const hunks = wordHunks(
    `${old.heading}\n${numberFree(byIdentity ? oldIdentity : old.text)}`,
    `${now.heading}\n${numberFree(byIdentity ? nowIdentity : now.text)}`,
  );
  return {
    ...entry(id, 'modified', old, now),
    hunks: byIdentity ? labelHunks(hunks, oldLabels, nowLabels) : hunks,
  };
}

/** A clause's printed text without the numbers its lines start with. */
export function numberFree(text: string): string {
  return text.split('\n').map(stripLabel).join('\n');
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
