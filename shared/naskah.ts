import type { Node } from 'prosemirror-model';
import { extractClauses, type Clause } from './clauses';
import { schema } from './schema';
import { blockLines, isNumberedKind, printLine, siblingNumbers } from './numbering';

// The whole naskah (CONTRACT.md, "The whole naskah"): its pembukaan, its Pasal and its
// penutup. The two parts are under paraf, diff and hash like any Pasal; they have no number.

/** The id the pembukaan carries in diffs, sign-offs and the matrix. */
export const PEMBUKAAN = 'pembukaan';

/** The id the penutup carries in diffs, sign-offs and the matrix. */
export const PENUTUP = 'penutup';

/** The ids of the two parts around the Pasal, which concern every agency. */
export const PART_IDS: readonly string[] = [PEMBUKAAN, PENUTUP];

/** The text of a pembukaan or penutup: `heading` names the part, `text` is its printed lines. */
export interface NaskahPart {
  heading: string;
  text: string;
}

/** A naskah split into what is under paraf: the pembukaan, the Pasal and the penutup. */
export interface Naskah {
  pembukaan: NaskahPart;
  clauses: Clause[];
  penutup: NaskahPart;
}

/** The heading each part shows in a diff or the matrix. */
export const PART_HEADINGS = { pembukaan: 'Pembukaan', penutup: 'Penutup' } as const;

/** Prints one top-level block as its lines; later rules (numbering, references) add entries. */
export type BlockRenderer = (block: Node) => string[];

/**
 * How each kind of top-level block outside a Pasal prints. A block whose type is missing here
 * prints its text content, so nothing a reader sees can fall out of the print.
 */
export const BLOCK_RENDERERS: Partial<Record<string, BlockRenderer>> = {
  title: (block) => [block.textContent],
  preamble: (block) => [block.textContent],
  closing: (block) => [block.textContent],
};

/**
 * Splits a document into pembukaan, Pasal and penutup. The pembukaan is every block before the
 * first Pasal (all of them when there is none); the penutup is every other block outside a
 * Pasal, so a stray block between two Pasal counts (and prints) with the penutup rather than
 * escaping the paraf.
 */
export function extractNaskah(doc: Node): Naskah {
  const before: Node[] = [];
  const after: Node[] = [];
  let seenClause = false;
  doc.forEach((block) => {
    if (block.type === schema.nodes.clause) seenClause = true;
    else (seenClause ? after : before).push(block);
  });
  return {
    pembukaan: { heading: PART_HEADINGS.pembukaan, text: printBlocks(before) },
    clauses: extractClauses(doc),
    penutup: { heading: PART_HEADINGS.penutup, text: printBlocks(after) },
  };
}

/** The empty naskah: what revision 0 of every diff stands for. */
export function emptyNaskah(): Naskah {
  return {
    pembukaan: { heading: PART_HEADINGS.pembukaan, text: '' },
    clauses: [],
    penutup: { heading: PART_HEADINGS.penutup, text: '' },
  };
}

/**
 * Prints blocks one line each (or as their renderer says; numbered blocks with their numbers),
 * with a blank line wherever the group of block changes, so turning a title line into a
 * preamble line changes the print too.
 */
function printBlocks(blocks: Node[]): string {
  const lines: string[] = [];
  const numbers = siblingNumbers(blocks);
  blocks.forEach((block, i) => {
    if (i > 0 && printGroup(blocks[i - 1]) !== printGroup(block)) lines.push('');
    if (isNumberedKind(block.type.name)) {
      lines.push(...blockLines(block, numbers[i]).map(printLine));
      return;
    }
    const render = BLOCK_RENDERERS[block.type.name] ?? ((node: Node) => [node.textContent]);
    lines.push(...render(block));
  });
  return lines.join('\n');
}

/** Blocks print in groups (title lines, body, closing) with a blank line between groups. */
function printGroup(block: Node): string {
  const name = block.type.name;
  return name === 'title' || name === 'closing' ? name : 'body';
}
