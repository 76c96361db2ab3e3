import { diffArrays } from 'diff';
import type { Clause } from '../../shared/clauses';

// Aligning the Pasal of a file Selaras did not make with the Pasal of a revision. Numbers are
// no guide (the file may have inserted or dropped a Pasal), so each pair is scored by how alike
// their headings (word by word, with the diff package) and their words (as bags) are, and the
// best order-keeping set of pairs is chosen, as a sequence alignment does. A file Pasal that
// scores too low against every revision Pasal stays unmatched.

/** A Pasal as the file has it: its number as printed, its heading line and its text lines. */
export interface FilePasal {
  label: string;
  heading: string;
  text: string;
}

/** The lowest score of a pair that counts as the same Pasal. */
export const MIN_ALIGNMENT_SCORE = 0.45;

type Bag = Map<string, number>;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function bagOf(text: string): Bag {
  const bag: Bag = new Map();
  for (const word of words(text)) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/** Dice similarity of two word bags: 1 for the same words, 0 for none in common. */
function bagSimilarity(a: Bag, b: Bag, sizeA: number, sizeB: number): number {
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const [word, n] of small) common += Math.min(n, large.get(word) ?? 0);
  return (2 * common) / (sizeA + sizeB);
}

/** Dice similarity of two headings, word by word in order. */
function headingSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length + y.length === 0) return 1;
  const common = diffArrays(x, y)
    .filter((part) => !part.added && !part.removed)
    .reduce((n, part) => n + part.value.length, 0);
  return (2 * common) / (x.length + y.length);
}

interface Profile {
  heading: string;
  bag: Bag;
  size: number;
}

const profile = (heading: string, text: string): Profile => {
  const bag = bagOf(text);
  return { heading, bag, size: [...bag.values()].reduce((n, k) => n + k, 0) };
};

/** How alike a file Pasal and a revision Pasal are, from 0 to 1. */
function score(file: Profile & { label: string }, clause: Profile & { number: number }): number {
  const text = bagSimilarity(file.bag, clause.bag, file.size, clause.size);
  const base =
    clause.heading === ''
      ? text
      : 0.5 * headingSimilarity(file.heading, clause.heading) + 0.5 * text;
  // The same number breaks a tie between two alike Pasal, never more.
  return Math.min(1, base + (file.label === String(clause.number) ? 0.05 : 0));
}

/**
 * Pairs file Pasal with revision clauses in order, maximising the summed score of the pairs:
 * index i of the result is the clause matched to file Pasal i, or null.
 */
export function alignPasal(
  file: readonly FilePasal[],
  clauses: readonly Clause[],
): (Clause | null)[] {
  const f = file.map((p) => ({ ...profile(p.heading, p.text), label: p.label }));
  const c = clauses.map((k) => ({ ...profile(k.heading, k.text), number: k.number }));
  const n = f.length;
  const m = c.length;
  const scores = f.map((fp) => c.map((cp) => score(fp, cp)));
  // best[i][j]: the best total aligning the first i file Pasal with the first j clauses.
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i += 1)
    for (let j = 1; j <= m; j += 1) {
      const pair = scores[i - 1][j - 1];
      best[i][j] = Math.max(
        best[i - 1][j],
        best[i][j - 1],
        pair >= MIN_ALIGNMENT_SCORE ? best[i - 1][j - 1] + pair : -Infinity,
      );
    }
  const matched: (Clause | null)[] = new Array<Clause | null>(n).fill(null);
  for (let i = n, j = m; i > 0 && j > 0;) {
    const pair = scores[i - 1][j - 1];
    if (pair >= MIN_ALIGNMENT_SCORE && best[i][j] === best[i - 1][j - 1] + pair) {
      matched[i - 1] = clauses[j - 1];
      i -= 1;
      j -= 1;
    } else if (best[i][j] === best[i - 1][j]) i -= 1;
    else j -= 1;
  }
  return matched;
}
