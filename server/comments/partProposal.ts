import * as Y from 'yjs';
import { FRAGMENT, readDocument } from '../documents/text';
import { conflict, tooLarge } from '../errors';
import { MAX_TEXT_CHARS, textLimitProblem } from '../../shared/limits';
import { isNumberedKind, stripLabel } from '../../shared/numbering';
import { extractNaskah } from '../../shared/naskah';
import { editText, holdsReference, labelOf, paragraphElements, type Wording } from './proposal';

// An usulan redaksi for the pembukaan or the penutup (a response edited in Word changes the
// title, the considerations or the closing as often as a Pasal). Their text is printed from
// several top-level blocks, so a proposal is applied line by line: it may change the words of
// lines, not add, remove or renumber them, and not touch a Lampiran or a line holding a
// reference; anything else is refused with the reason, for the drafter to do in the editor.

/** The part of the naskah outside the Pasal a proposal may be about. */
export type PartId = 'pembukaan' | 'penutup';

/** The current wording of a part: its heading and printed text, as in diffs and sign-offs. */
export function partWording(ydoc: Y.Doc, part: PartId): Wording {
  const { heading, text } = extractNaskah(readDocument(ydoc))[part];
  return { heading, text };
}

const SHAPE =
  'Usulan pada pembukaan atau penutup hanya dapat mengubah kata-kata baris yang ada; ' +
  'penambahan, penghapusan atau penomoran ulang baris diterapkan perancang di editor.';

/** Blocks print in groups with a blank line between (shared/naskah.ts, printBlocks). */
const groupOf = (name: string) => (name === 'title' || name === 'closing' ? name : 'body');

/**
 * The element that holds each printed line of a part (null for the blank line between groups),
 * or null when the part holds a block whose lines a proposal cannot edit (a Lampiran).
 */
function lineHolders(ydoc: Y.Doc, part: PartId): (Y.XmlElement | null)[] | null {
  const blocks: Y.XmlElement[] = [];
  let seenClause = false;
  for (const child of ydoc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'clause') seenClause = true;
    else if ((part === 'pembukaan') === !seenClause) blocks.push(child);
  }
  const holders: (Y.XmlElement | null)[] = [];
  for (const [i, block] of blocks.entries()) {
    const name = block.nodeName;
    if (i > 0 && groupOf(blocks[i - 1].nodeName) !== groupOf(name)) holders.push(null);
    if (name === 'title' || name === 'preamble' || name === 'closing') holders.push(block);
    else if (isNumberedKind(name)) holders.push(...paragraphElements(block));
    else return null;
  }
  return holders;
}

/**
 * Accepts a proposal for the pembukaan or penutup made against `base`: 409 when the part changed
 * since or the proposal cannot be applied line by line, 413 past the text limits.
 */
export function applyPartProposal(ydoc: Y.Doc, part: PartId, base: Wording, next: Wording): void {
  const current = partWording(ydoc, part);
  if (current.text !== base.text)
    throw conflict(
      `${current.heading} telah berubah sejak usulan redaksi dibuat; usulan tidak dapat diterapkan.`,
    );
  const after = readDocument(ydoc).textContent.length - current.text.length + next.text.length;
  if (after > MAX_TEXT_CHARS)
    throw tooLarge(textLimitProblem({ chars: after, lines: 0, clauses: 0, clauseLines: 0 })!);
  applyPartWording(ydoc, part, next);
}

/** Applies a proposed wording to a part, line by line; 409 with the reason when it cannot. */
function applyPartWording(ydoc: Y.Doc, part: PartId, next: Wording): void {
  const current = partWording(ydoc, part).text.split('\n');
  const lines = next.text.split('\n');
  const holders = lineHolders(ydoc, part);
  if (!holders)
    throw conflict(
      'Penutup memuat Lampiran; usulan untuk bagian ini diterapkan perancang di editor.',
    );
  // The holders were found as the print lays lines out; when the two disagree, nothing is changed.
  const sameShape =
    holders.length === current.length &&
    lines.length === current.length &&
    lines.every(
      (line, i) => (line === '') === (current[i] === '') && labelOf(line) === labelOf(current[i]),
    );
  if (!sameShape) throw conflict(SHAPE);
  const edits = lines.flatMap((line, i) =>
    line === current[i] ? [] : [{ line, holder: holders[i] }],
  );
  for (const { holder } of edits)
    if (!holder || holdsReference(holder))
      throw conflict(
        'Baris yang diusulkan memuat rujukan; usulan ini diterapkan perancang di editor.',
      );
  for (const { line, holder } of edits) editText(holder!, labelOf(line) ? stripLabel(line) : line);
}
