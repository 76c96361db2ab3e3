import { diffArrays } from 'diff';
import { wordHunks, type ClauseChange } from '../../shared/clauseDiff';
import type { ExportText } from './model';
import type { NumberedParagraph } from './layout';
import type { ExportClause } from './model';
import { pushRun, sliceRuns, type ExportRun, type TrackedChange } from './runs';
import { trackLampiran } from './trackedLampiran';

// A tracked-changes export (`export.docx?revision=n&changesSince=m`, CONTRACT.md "Word drafts
// in and out"): the text of revision n with what changed since revision m marked as Word marks
// a reviewer's edits. Pasal are matched by identity as the revision diff matches them
// (shared/clauseDiff.ts): an added Pasal is wholly inserted, a removed one wholly deleted at its
// old place, a modified one shows the words inserted and deleted in each of its lines, with the
// word-level diff the redline view shows. A renumbered Pasal or ayat is no change. The
// Lampiran's changes are marked by trackedLampiran.ts, its rows matched by id.

/**
 * The text `now` with the changes since `old` marked, for a DOCX with tracked changes;
 * `changes` is `diffNaskah` of the two revisions (pembukaan first, penutup last).
 */
export function trackedText(old: ExportText, now: ExportText, changes: ClauseChange[]): ExportText {
  // diffNaskah puts the pembukaan first and the penutup last, the Pasal between.
  const pembukaan = changes[0].change === 'modified';
  const penutup = changes.at(-1)!.change === 'modified';
  const clauses = changes.slice(1, -1).map((change) => trackedClause(change, old, now));
  return {
    ...now,
    titleLayout: pembukaan ? trackLines(titleOf(old), titleOf(now)) : titleOf(now),
    preambleLayout: pembukaan
      ? trackLines(old.preambleLayout ?? [], now.preambleLayout ?? [])
      : now.preambleLayout,
    clauses,
    closingLayout: penutup ? trackLines(closingOf(old), closingOf(now)) : closingOf(now),
    // The Lampiran belongs to the penutup; comparing it unchanged marks nothing.
    ...(old.lampiran || now.lampiran
      ? { lampiran: trackLampiran(old.lampiran ?? [], now.lampiran ?? []) }
      : {}),
  };
}

function titleOf(text: ExportText): NumberedParagraph[] {
  return text.titleLayout ?? text.titleLines.map(plainLine);
}

function closingOf(text: ExportText): NumberedParagraph[] {
  return text.closingLayout ?? text.closing.map(plainLine);
}

function plainLine(text: string): NumberedParagraph {
  return { marker: null, text, level: 0 };
}

/** One Pasal of the diff as printed: as it now is, wholly inserted or deleted, or with its edits. */
function trackedClause(change: ClauseChange, old: ExportText, now: ExportText): ExportClause {
  const before = change.before?.number ? old.clauses[change.before.number - 1] : undefined;
  const after = change.after?.number ? now.clauses[change.after.number - 1] : undefined;
  if (change.change === 'added' && after) return wholly(after, 'insert');
  if (change.change === 'removed' && before) return wholly(before, 'delete');
  if (!after) return wholly(before!, 'delete');
  if (change.change !== 'modified' || !before) return after;
  return {
    ...after,
    ...(before.heading !== after.heading
      ? { headingRuns: editedRuns(before.heading, after.heading, [], []) }
      : {}),
    layout: trackLines(before.layout ?? [], after.layout ?? []),
  };
}

function wholly(clause: ExportClause, change: TrackedChange): ExportClause {
  return { ...clause, change, layout: (clause.layout ?? []).map((line) => ({ ...line, change })) };
}

/**
 * Aligns the lines of two versions of a part: a line of a numbered block by the block's id (and
 * its place among the block's own lines), any other line by its words. A line in both shows its
 * word-level edits; between two aligned lines, the lines only in the old version are deleted
 * and those only in the new inserted, a plain line of each side paired as one edited line.
 */
export function trackLines(
  old: readonly NumberedParagraph[],
  now: readonly NumberedParagraph[],
): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  let o = 0;
  let n = 0;
  let gone: NumberedParagraph[] = [];
  let come: NumberedParagraph[] = [];
  for (const part of diffArrays(keysOf(old), keysOf(now))) {
    const count = part.value.length;
    if (part.removed) gone.push(...old.slice(o, (o += count)));
    else if (part.added) come.push(...now.slice(n, (n += count)));
    else {
      out.push(...replaced(gone, come));
      gone = [];
      come = [];
      for (let i = 0; i < count; i += 1) out.push(editedLine(old[o++], now[n++]));
    }
  }
  out.push(...replaced(gone, come));
  return out;
}

/** A key per line: the block id and the line's place in its block, or the line's words. */
function keysOf(lines: readonly NumberedParagraph[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    if (!line.blockId) return `t:${line.text}`;
    const k = seen.get(line.blockId) ?? 0;
    seen.set(line.blockId, k + 1);
    return `b:${line.blockId}:${k}`;
  });
}

/**
 * A run of deleted lines and a run of inserted lines at one place. Plain lines (no block id)
 * pair up in order as edited lines, since a reworded paragraph has no other identity; every
 * other line is deleted or inserted whole, the deleted ones before the line they preceded.
 */
function replaced(gone: NumberedParagraph[], come: NumberedParagraph[]): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  const plainGone = gone.filter((line) => !line.blockId);
  let paired = 0;
  let g = 0;
  for (const line of come) {
    if (line.blockId || paired === plainGone.length) {
      out.push({ ...line, change: 'insert' });
      continue;
    }
    // Plain lines pair in order, so every line of `gone` before the partner is unpaired.
    const partner = plainGone[paired++];
    for (const at = gone.indexOf(partner); g < at; g += 1)
      out.push({ ...gone[g], change: 'delete' });
    g += 1;
    out.push(editedLine(partner, line));
  }
  for (; g < gone.length; g += 1) out.push({ ...gone[g], change: 'delete' });
  return out;
}

/** One line in both versions: as it now is when its words are the same, else with its edits. */
function editedLine(before: NumberedParagraph, after: NumberedParagraph): NumberedParagraph {
  if (before.text === after.text) return after;
  return {
    ...after,
    runs: editedRuns(before.text, after.text, before.runs ?? [], after.runs ?? []),
  };
}

/**
 * The runs of a line edited from `oldText` to `newText`: equal and inserted words from the new
 * runs (keeping their emphasis), deleted words from the old runs.
 */
function editedRuns(
  oldText: string,
  newText: string,
  oldRuns: readonly ExportRun[],
  newRuns: readonly ExportRun[],
): ExportRun[] {
  const oldSource = oldRuns.length > 0 ? oldRuns : [{ text: oldText }];
  const newSource = newRuns.length > 0 ? newRuns : [{ text: newText }];
  const runs: ExportRun[] = [];
  let o = 0;
  let n = 0;
  for (const hunk of wordHunks(oldText, newText)) {
    const length = hunk.text.length;
    const [source, from, change] =
      hunk.op === 'delete'
        ? [oldSource, o, 'delete' as const]
        : [newSource, n, hunk.op === 'insert' ? ('insert' as const) : undefined];
    for (const run of sliceRuns(source, from, from + length))
      pushRun(runs, change ? { ...run, change } : run);
    if (hunk.op !== 'insert') o += length;
    if (hunk.op !== 'delete') n += length;
  }
  return runs;
}
