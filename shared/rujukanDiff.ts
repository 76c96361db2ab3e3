import type { Hunk } from './clauseDiff';

// The diff compares the text with each reference as `⟦ids⟧` (shared/rujukanText.ts), so a
// reference whose target only moved or was renumbered is no change and a retargeted one is;
// the hunks a reader sees then put each reference's label back in place of its ids.

/** A reference in a comparison text. */
export const IDENTITY_TOKEN = /⟦[^⟧]*⟧/g;

/**
 * The labels of the references of a printed text in order, read by laying its comparison text
 * over it line by line; null when the two do not match up.
 */
export function labelsInOrder(text: string, identity: string): string[] | null {
  const lines = text.split('\n');
  const identityLines = identity.split('\n');
  if (lines.length !== identityLines.length) return null;
  const labels: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const pieces = identityLines[i].split(IDENTITY_TOKEN);
    const line = lines[i];
    if (!line.startsWith(pieces[0])) return null;
    let cursor = pieces[0].length;
    for (let k = 1; k < pieces.length; k++) {
      const end =
        k === pieces.length - 1 ? line.length - pieces[k].length : line.indexOf(pieces[k], cursor);
      if (end < cursor || !line.startsWith(pieces[k], end)) return null;
      labels.push(line.slice(cursor, end));
      cursor = end + pieces[k].length;
    }
  }
  return labels;
}

/**
 * Puts labels back into hunks over comparison texts: a deleted reference takes its label from
 * the old text, an inserted or unchanged one from the new text.
 */
export function labelHunks(hunks: Hunk[], oldLabels: string[], newLabels: string[]): Hunk[] {
  let o = 0;
  let n = 0;
  return hunks.map((hunk) => ({
    op: hunk.op,
    text: hunk.text.replace(IDENTITY_TOKEN, (token) => {
      if (hunk.op === 'delete') return oldLabels[o++] ?? token;
      if (hunk.op === 'insert') return newLabels[n++] ?? token;
      o++;
      return newLabels[n++] ?? token;
    }),
  }));
}
