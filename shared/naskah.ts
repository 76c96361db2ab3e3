import type { Node } from 'prosemirror-model';
import { extractClauses, type Clause } from './clauses';
import { holdsLampiran, LAMPIRAN, lampiranLines } from './lampiran';
import { schema } from './schema';
import {
  blockLines,
  isNumberedKind,
  printLine,
  siblingNumbers,
  type ParagraphText,
} from './numbering';
import { rujukanIndex, type RujukanIndex } from './rujukan';
import { holdsRujukan, inlineIdentity, inlineText } from './rujukanText';

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
  /** Only when the part holds a reference: its text with references as `⟦ids⟧` (the diff compares it). */
  identityText?: string;
}

/** A naskah split into what is under paraf: the pembukaan, the Pasal and the penutup. */
export interface Naskah {
  pembukaan: NaskahPart;
  clauses: Clause[];
  penutup: NaskahPart;
}

/** The heading each part shows in a diff or the matrix. */
export const PART_HEADINGS = { pembukaan: 'Pembukaan', penutup: 'Penutup' } as const;

/** The heading of the penutup when it holds a Lampiran (which belongs to it). */
export const PENUTUP_WITH_LAMPIRAN = 'Penutup dan Lampiran';

/** The heading of the penutup: "Penutup dan Lampiran" when it holds a Lampiran. */
export function penutupHeading(withLampiran: boolean): string {
  return withLampiran ? PENUTUP_WITH_LAMPIRAN : PART_HEADINGS.penutup;
}

/** Prints one top-level block as its lines; `textOf` prints inline content (references as labels). */
export type BlockRenderer = (block: Node, textOf: (inline: Node) => string) => string[];

/**
 * How each kind of top-level block outside a Pasal prints. A block whose type is missing here
 * prints its text content, so nothing a reader sees can fall out of the print.
 */
export const BLOCK_RENDERERS: Partial<Record<string, BlockRenderer>> = {
  title: (block, textOf) => [textOf(block)],
  preamble: (block, textOf) => [textOf(block)],
  closing: (block, textOf) => [textOf(block)],
  [LAMPIRAN]: (block, textOf) => lampiranLines(block, textOf),
};

/**
 * Splits a document into pembukaan, Pasal and penutup. The pembukaan is every block before the
 * first Pasal (all of them when there is none); the penutup is every other block outside a
 * Pasal, so a stray block between two Pasal counts (and prints) with the penutup rather than
 * escaping the paraf. A Lampiran after the last Pasal is part of the penutup, which is then
 * headed "Penutup dan Lampiran".
 */
export function extractNaskah(doc: Node): Naskah {
  const before: Node[] = [];
  const after: Node[] = [];
  let seenClause = false;
  doc.forEach((block) => {
    if (block.type === schema.nodes.clause) seenClause = true;
    else (seenClause ? after : before).push(block);
  });
  const index = rujukanIndex(doc);
  return {
    pembukaan: partOf(PART_HEADINGS.pembukaan, before, index),
    clauses: extractClauses(doc, index),
    penutup: partOf(penutupHeading(holdsLampiran(after)), after, index),
  };
}

/** A part with its printed text (and its comparison text when it holds a reference). */
function partOf(heading: string, blocks: Node[], index: RujukanIndex): NaskahPart {
  const text = printBlocks(blocks, (inline, blockId) => inlineText(inline, index, blockId));
  if (!blocks.some(holdsRujukan)) return { heading, text };
  return {
    heading,
    text,
    identityText: printBlocks(blocks, (inline) => inlineIdentity(inline, index)),
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
 * with a blank line wherever the group of block changes (and before every Lampiran), so
 * turning a title line into a preamble line changes the print too.
 */
function printBlocks(blocks: Node[], textOf: ParagraphText): string {
  const lines: string[] = [];
  const numbers = siblingNumbers(blocks);
  blocks.forEach((block, i) => {
    const apart = printGroup(blocks[i - 1] ?? block) !== printGroup(block);
    if (i > 0 && (apart || block.type.name === LAMPIRAN)) lines.push('');
    if (isNumberedKind(block.type.name)) {
      lines.push(...blockLines(block, numbers[i], textOf).map(printLine));
      return;
    }
    const render = BLOCK_RENDERERS[block.type.name] ?? ((node: Node) => [node.textContent]);
    lines.push(...render(block, (inline) => textOf(inline, null)));
  });
  return lines.join('\n');
}

/** Blocks print in groups (title lines, body, closing, Lampiran) with a blank line between groups. */
function printGroup(block: Node): string {
  const name = block.type.name;
  return name === 'title' || name === 'closing' || name === LAMPIRAN ? name : 'body';
}
