import { diffArrays } from 'diff';
import { tokenize } from '../../shared/clauseDiff';

// A word-level three-way merge. A response is written against the revision it was exported
// from, while the live text may have moved on (a Pasal inserted before it renumbers its
// references, a drafter edits another ayat). The reader's changes (revision → file) are
// carried onto the live text (revision → live) where the two touch different words; where
// they touch the same words the merge gives up and says so.

/** One edit of a base: the tokens [start, end) are replaced by `insert`. */
interface Edit {
  start: number;
  end: number;
  insert: string[];
}

// Beyond this many token edits the texts were rewritten rather than edited.
const MAX_EDIT_LENGTH = 2000;

/** The edits that turn `base` into `next`, in order; null when they are too many to compute. */
function editsOf(base: string[], next: string[]): Edit[] | null {
  const parts = diffArrays(base, next, { maxEditLength: MAX_EDIT_LENGTH });
  if (parts === undefined) return null;
  const edits: Edit[] = [];
  let at = 0;
  for (const part of parts) {
    if (part.added) {
      const last = edits[edits.length - 1];
      if (last && last.end === at) last.insert.push(...part.value);
      else edits.push({ start: at, end: at, insert: [...part.value] });
    } else if (part.removed) {
      const last = edits[edits.length - 1];
      if (last && last.end === at) last.end = at + part.value.length;
      else edits.push({ start: at, end: at + part.value.length, insert: [] });
      at += part.value.length;
    } else at += part.value.length;
  }
  return edits;
}

const same = (a: Edit, b: Edit) =>
  a.start === b.start && a.end === b.end && a.insert.join('') === b.insert.join('');

/** Whether two edits of one base touch the same words (or insert at the same place). */
function clash(a: Edit, b: Edit): boolean {
  if (same(a, b)) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Merges the changes `base → ours` into `theirs` (another version of `base`), word by word;
 * null when both changed the same words differently, or the diff could not be computed.
 */
export function mergeWords(base: string, ours: string, theirs: string): string | null {
  if (ours === base) return theirs;
  if (theirs === base || theirs === ours) return ours;
  const baseTokens = tokenize(base);
  const mine = editsOf(baseTokens, tokenize(ours));
  const other = editsOf(baseTokens, tokenize(theirs));
  if (mine === null || other === null) return null;
  for (const a of mine) if (other.some((b) => clash(a, b))) return null;
  // Both sides' edits in base order; an edit both made is applied once.
  const edits = [...mine, ...other.filter((b) => !mine.some((a) => same(a, b)))].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const out: string[] = [];
  let at = 0;
  for (const edit of edits) {
    out.push(...baseTokens.slice(at, edit.start), ...edit.insert);
    at = Math.max(at, edit.end);
  }
  out.push(...baseTokens.slice(at));
  return out.join('');
}
