import type { Node } from 'prosemirror-model';
import { LIST_LEVELS } from './numbering';

/**
 * Punctuation of rincian (list items) as UU 12/2011 Lampiran II lays it down: "setiap rincian
 * diakhiri dengan tanda baca titik koma", "di belakang rincian yang masih mempunyai rincian
 * lebih lanjut diberi tanda baca titik dua", and the words `dan` (kumulatif), `atau`
 * (alternatif) or `dan/atau` after "rincian kedua dari rincian terakhir". The check is a hint,
 * never forced: the editor shows each as a quiet marker with a one-click fix.
 *
 * Kept simple on purpose:
 * - Only lists inside a Pasal are checked; the pembukaan's considerations and komparisi follow
 *   their own conventions.
 * - A run of items ends with `.` when it closes its ayat or Pasal, with `;` when more text of
 *   the same block follows it, and with its parent item's own ending when it closes that item
 *   (so the last `1.` under a `b.` that is second-to-last ends `; dan`).
 * - Of an item, only its last paragraph carries the ending; a paragraph right before a list
 *   (the item's own words, the ayat's or the Pasal's) ends with `:`.
 * - Empty paragraphs are skipped: an item being typed is not nagged before it has words.
 */

/** What the end of a line should be: `;`, a connector (`; dan` / `; atau` / `; dan/atau`), `.` or `:`. */
export type Ending = ';' | 'connector' | '.' | ':';

/** A replacement of the text between two document positions. */
export interface PunctuationFix {
  from: number;
  to: number;
  text: string;
}

/** One punctuation hint: the paragraph it concerns, what is wrong and how to fix it. */
export interface PunctuationHint {
  /** The id of the numbered block (or Pasal) the paragraph belongs to. */
  blockId: string;
  /** The document position of the paragraph. */
  pos: number;
  /** What the line should end with. */
  expected: Ending;
  /** The problem in Bahasa Indonesia, for the tooltip. */
  problem: string;
  fix: PunctuationFix;
}

const PROBLEMS: Record<Ending, string> = {
  ';': 'Rincian diakhiri dengan titik koma (;).',
  connector: 'Rincian kedua dari terakhir diakhiri dengan "; dan", "; atau" atau "; dan/atau".',
  '.': 'Rincian terakhir diakhiri dengan titik (.).',
  ':': 'Kalimat sebelum rincian diakhiri dengan titik dua (:).',
};

// The ending of a line: optional spaces, then `;` with a connector, or one punctuation mark.
const ENDING = /(?:\s*(?:;\s*(?:dan\/atau|dan|atau)|[;.:,]))?\s*$/;

interface Found {
  ending: Ending | ',' | null;
  connector: string | null;
  /** The length of the ending, counted from the end of the text. */
  length: number;
}

/** Reads how a line ends: its punctuation (null: none) and how long that tail is. */
export function readEnding(text: string): Found {
  const tail = ENDING.exec(text)?.[0] ?? '';
  const mark = tail.trim();
  if (mark === '') return { ending: null, connector: null, length: tail.length };
  if (mark.length > 1) {
    return { ending: 'connector', connector: mark.slice(1).trim(), length: tail.length };
  }
  return { ending: mark as Ending | ',', connector: null, length: tail.length };
}

const LIST_KINDS = new Set<string>(LIST_LEVELS);

/** The punctuation hints of a document's Pasal, in document order. */
export function punctuationHints(doc: Node): PunctuationHint[] {
  const hints: PunctuationHint[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name === 'clause') checkBlock(node, offset, '.', hints);
  });
  return hints;
}

/**
 * Checks the lists among a block's children. `closing` is what the block's last words end
 * with, handed down to a run of items that closes the block.
 */
function checkBlock(block: Node, pos: number, closing: Ending, hints: PunctuationHint[]): void {
  const children: { node: Node; pos: number }[] = [];
  block.forEach((node, offset) => children.push({ node, pos: pos + 1 + offset }));
  let i = 0;
  while (i < children.length) {
    const kind = children[i].node.type.name;
    if (!LIST_KINDS.has(kind)) {
      if (kind === 'ayat') checkBlock(children[i].node, children[i].pos, '.', hints);
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < children.length && children[end + 1].node.type.name === kind) end++;
    const run = children.slice(i, end + 1);
    const before = children[i - 1];
    if (before?.node.type.name === 'paragraph') {
      check(before.node, before.pos, String(block.attrs.id), ':', hints);
    }
    const last = end === children.length - 1 ? closing : ';';
    run.forEach((item, k) => {
      const ending: Ending = k === run.length - 1 ? last : k === run.length - 2 ? 'connector' : ';';
      checkItem(item.node, item.pos, ending, hints);
    });
    i = end + 1;
  }
}

/** Checks one item: its last paragraph ends with `ending`, or its closing list carries it. */
function checkItem(item: Node, pos: number, ending: Ending, hints: PunctuationHint[]): void {
  const lastChild = item.lastChild;
  if (lastChild?.type.name === 'paragraph') {
    const lastPos = pos + item.nodeSize - 1 - lastChild.nodeSize;
    check(lastChild, lastPos, String(item.attrs.id), ending, hints);
  }
  checkBlock(item, pos, ending, hints);
}

/** Adds a hint when a non-empty paragraph does not end as `expected`. */
function check(
  paragraph: Node,
  pos: number,
  blockId: string,
  expected: Ending,
  hints: PunctuationHint[],
): void {
  const text = paragraph.textContent;
  if (text.trim() === '') return;
  const found = readEnding(text);
  if (found.ending === expected) return;
  // Only a tail of plain text is replaced; after an inline element the fix only appends.
  const last = paragraph.lastChild;
  const replaceable = last?.isText && (last.text ?? '').length >= found.length ? found.length : 0;
  const end = pos + 1 + paragraph.content.size;
  hints.push({
    blockId,
    pos,
    expected,
    problem: PROBLEMS[expected],
    fix: { from: end - replaceable, to: end, text: replacement(expected) },
  });
}

/** The text that replaces a line's tail: the expected mark (a connector defaults to `dan`). */
function replacement(expected: Ending): string {
  return expected === 'connector' ? '; dan' : expected;
}
