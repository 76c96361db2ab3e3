import { diffArrays } from 'diff';
import { tokenize, wordHunks, type Hunk } from '../../shared/clauseDiff';
import { LABEL_PATTERNS, labelKindOf, type NumberedKind } from '../../shared/numbering';

/** One printed line of a clause on one side of a diff: its number (if it opens a block) and words. */
export interface SideLine {
  label: string | null;
  kind: NumberedKind | null;
  /** The words without the number: what the diff compares. */
  text: string;
}

/** How a line of a clause fared between two revisions. */
export type LineChange = 'same' | 'modified' | 'inserted' | 'deleted' | 'moved' | 'moved-away';

/** One row of the redline: a line on either side or both, with its word hunks when modified. */
export interface LineRow {
  change: LineChange;
  before: SideLine | null;
  after: SideLine | null;
  hunks: Hunk[];
}

/** Splits a diff side's text into lines, each with the number it starts with taken apart. */
export function sideLines(text: string | undefined): SideLine[] {
  if (!text) return [];
  let kind: NumberedKind | null = null;
  return text.split('\n').map((line) => {
    const own = labelKindOf(line);
    if (own) kind = own;
    const label = own ? (LABEL_PATTERNS[own].exec(line)?.[0].trim() ?? null) : null;
    const words = own ? line.replace(LABEL_PATTERNS[own], '') : line;
    return { label, kind, text: words };
  });
}

// Two lines pair as one modified line when at least this share of their words is common.
const SIMILAR = 0.4;

function similar(a: SideLine, b: SideLine): boolean {
  if (a.kind !== b.kind) return false;
  const words = (s: string) => tokenize(s).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const left = words(a.text);
  const right = new Set(words(b.text));
  if (left.length === 0 || right.size === 0) return false;
  const common = left.filter((w) => right.has(w)).length;
  return common / Math.max(left.length, right.size) >= SIMILAR;
}

/**
 * Aligns the lines of two sides by their number-free words, so an ayat renumbered only because
 * another was inserted stays `same` (showing both numbers), an edited one is `modified`, a line
 * found on both sides at different places is `moved`, and the rest `inserted` or `deleted`.
 */
export function alignLines(before: SideLine[], after: SideLine[]): LineRow[] {
  const parts = diffArrays(
    before.map((l) => l.text),
    after.map((l) => l.text),
  );
  const rows: LineRow[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < parts.length) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      for (let n = 0; n < part.count!; n++) {
        rows.push({ change: 'same', before: before[i++], after: after[j++], hunks: [] });
      }
      k++;
      continue;
    }
    // A run of removed and added lines: pair the similar ones in order, the rest stand alone.
    const removed: SideLine[] = [];
    const added: SideLine[] = [];
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      for (let n = 0; n < parts[k].count!; n++) {
        if (parts[k].removed) removed.push(before[i++]);
        else added.push(after[j++]);
      }
      k++;
    }
    rows.push(...pairRun(removed, added));
  }
  return markMoves(rows);
}

function pairRun(removed: SideLine[], added: SideLine[]): LineRow[] {
  const rows: LineRow[] = [];
  let r = 0;
  for (const line of added) {
    const match = removed.findIndex((old, index) => index >= r && similar(old, line));
    if (match >= 0) {
      for (; r < match; r++) rows.push(alone('deleted', removed[r]));
      rows.push({
        change: 'modified',
        before: removed[r],
        after: line,
        hunks: wordHunks(removed[r].text, line.text),
      });
      r++;
    } else {
      rows.push(alone('inserted', line));
    }
  }
  for (; r < removed.length; r++) rows.push(alone('deleted', removed[r]));
  return rows;
}

function alone(change: 'inserted' | 'deleted', line: SideLine): LineRow {
  return change === 'inserted'
    ? { change, before: null, after: line, hunks: [] }
    : { change, before: line, after: null, hunks: [] };
}

/** Pairs an inserted and a deleted line with the same words as one line that moved. */
function markMoves(rows: LineRow[]): LineRow[] {
  const deleted = rows.filter((row) => row.change === 'deleted' && row.before?.text.trim());
  for (const row of rows) {
    if (row.change !== 'inserted' || !row.after?.text.trim()) continue;
    const source = deleted.find(
      (old) => old.change === 'deleted' && old.before?.text === row.after?.text,
    );
    if (!source) continue;
    source.change = 'moved-away';
    source.after = row.after;
    row.change = 'moved';
    row.before = source.before;
  }
  return rows;
}

/**
 * Items in order, each run of consecutive table rows gathered into one array (a table), every
 * other item on its own.
 */
export function groupTableRows<T>(items: readonly T[], isRow: (item: T) => boolean): (T | T[])[] {
  const groups: (T | T[])[] = [];
  let table: T[] | null = null;
  for (const item of items) {
    if (!isRow(item)) {
      table = null;
      groups.push(item);
    } else if (table) table.push(item);
    else groups.push((table = [item]));
  }
  return groups;
}
