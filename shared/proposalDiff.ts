import { wordHunks, type Hunk } from './clauseDiff';

// What an usulan redaksi changes, shown against the current text of its Pasal: the words it
// inserts and deletes with a few words around each change, and the long unchanged stretches
// between them left out, so a reader sees the change, not the whole Pasal again.

/** A piece of a proposal's diff: a hunk, or a gap standing for unchanged words left out. */
export type ProposalPiece = Hunk | { op: 'gap' };

/** A Pasal's wording as a proposal and the live text give it. */
export interface Wording {
  heading?: string;
  text: string;
}

/** How many words of unchanged text are kept on each side of a change. */
export const CONTEXT_WORDS = 6;

const WORD = /[\p{L}\p{N}]+/gu;
// The length of the word starting at an index (a regex of its own: no shared lastIndex).
const WORD_AT = /[\p{L}\p{N}]+/uy;

/**
 * The word-level diff of `proposal` against `current` (heading, then text), with unchanged
 * runs cut to `context` words next to each change. A proposal without a heading keeps the
 * current one. Empty when the proposal changes nothing.
 */
export function proposalChanges(
  current: Wording,
  proposal: Wording,
  context = CONTEXT_WORDS,
): ProposalPiece[] {
  const heading = current.heading ?? '';
  const before = `${heading}\n${current.text}`;
  const after = `${proposal.heading ?? heading}\n${proposal.text}`;
  const hunks = wordHunks(before, after);
  if (hunks.every((h) => h.op === 'equal')) return [];
  return hunks.flatMap((hunk, i): ProposalPiece[] => {
    if (hunk.op !== 'equal') return [hunk];
    const first = i === 0;
    const last = i === hunks.length - 1;
    return trimEqual(hunk.text, first ? 0 : context, last ? 0 : context);
  });
}

/** Keeps `head` words at the start of an unchanged run and `tail` at its end, a gap between. */
function trimEqual(text: string, head: number, tail: number): ProposalPiece[] {
  const starts = [...text.matchAll(WORD)].map((m) => m.index);
  if (starts.length <= head + tail) return [{ op: 'equal', text }];
  const headEnd = head === 0 ? 0 : wordEnd(text, starts[head - 1]);
  const tailStart = tail === 0 ? text.length : starts[starts.length - tail];
  const pieces: ProposalPiece[] = [];
  if (headEnd > 0) pieces.push({ op: 'equal', text: text.slice(0, headEnd) });
  pieces.push({ op: 'gap' });
  if (tailStart < text.length) pieces.push({ op: 'equal', text: text.slice(tailStart) });
  return pieces;
}

function wordEnd(text: string, start: number): number {
  WORD_AT.lastIndex = start;
  const match = WORD_AT.exec(text);
  return match ? start + match[0].length : start;
}
