import { diffArrays } from 'diff';
import * as Y from 'yjs';
import { readDocument } from '../documents/text';
import { conflict, tooLarge } from '../errors';
import { toYElement } from '../text/encode';
import { newClauseId } from '../../shared/clauses';
import { isRowLine, parseRowLine, CELL_PARAGRAPH_SEPARATOR } from '../../shared/lampiran';
import { MAX_TEXT_CHARS, textLimitProblem } from '../../shared/limits';
import { extractNaskah } from '../../shared/naskah';
import { stripLabel } from '../../shared/numbering';
import { rujukanIndex, type RujukanIndex } from '../../shared/rujukan';
import { schema } from '../../shared/schema';
import { paragraphOf } from '../../shared/structure';
import { lineHolders, rowCells, type LineBlock, type LineHolder, type PartId } from './partLines';
import { editText, holdsReference, labelOf, rewriteWithReferences, type Wording } from './proposal';

// An usulan redaksi for the pembukaan or the penutup (a response edited in Word changes the
// title, the considerations, the closing or a cell of the Lampiran's table as often as a
// Pasal). Their text is printed from several blocks (partLines.ts), so a proposal is applied
// line by line against what stands behind each line: a changed line edits the words of its
// block (a row line, the cells of its row), and in the closing, the Lampiran's headings and
// paragraphs and its tables, lines may be added or removed, a new line becoming a block like
// the one beside it. Block ids, tables and references stay. The edits are tried on a copy of
// the text first and applied only when the copy then prints exactly the proposal; anything
// else is refused (409) with the reason, for the drafter to do in the editor.

export type { PartId } from './partLines';

/** The current wording of a part: its heading and printed text, as in diffs and sign-offs. */
export function partWording(ydoc: Y.Doc, part: PartId): Wording {
  const { heading, text } = extractNaskah(readDocument(ydoc))[part];
  return { heading, text };
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
  const edits = planEdits(current.text.split('\n'), next.text.split('\n'), lineHolders(ydoc, part));
  // Tried on a copy first: the live text changes only when the result prints as proposed.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
  applyEdits(copy, part, edits);
  const result = partWording(copy, part).text;
  copy.destroy();
  if (result !== next.text) throw conflict(SHAPE);
  applyEdits(ydoc, part, edits);
}

/** One edit of a part, by the index of the printed line it concerns. */
type Edit =
  | { kind: 'change'; line: number; from: string; to: string }
  | { kind: 'remove'; line: number }
  /** New lines beside line `line`: after it, or (when it is the first of its group) before it. */
  | { kind: 'add'; line: number; after: boolean; lines: string[] };

/** The blocks printed as one line that a proposal may add or remove (not the pembukaan's). */
const ADDABLE: ReadonlySet<LineBlock> = new Set(['closing', 'lampiran_heading', 'paragraph']);
const SHAPE =
  'Usulan pada pembukaan atau penutup tidak dapat diterapkan baris demi baris; ' +
  'perancang menerapkannya di editor.';
const NUMBERED =
  'Usulan menambah, menghapus atau menomori ulang butir bernomor di luar Pasal; ' +
  'perancang menerapkannya di editor.';
const NOT_ADDABLE =
  'Baris baru hanya dapat ditambahkan pada kalimat penutup, judul atau paragraf Lampiran, ' +
  'atau sebagai baris tabel Lampiran; usulan ini diterapkan perancang di editor.';
const NOT_REMOVABLE =
  'Hanya kalimat penutup, judul atau paragraf Lampiran dan baris tabel Lampiran yang dapat ' +
  'dihapus melalui usulan; usulan ini diterapkan perancang di editor.';

/**
 * The edits that turn the printed lines `from` into `to`, line by line: a changed line stays
 * the same kind of line (a row a row, a number the same number), other lines are added beside
 * or removed from the blocks that may take them. Blank lines follow the blocks and are checked
 * with the result. 409 with the reason for anything else.
 */
function planEdits(from: string[], to: string[], holders: LineHolder[]): Edit[] {
  if (holders.length !== from.length) throw conflict(SHAPE);
  const edits: Edit[] = [];
  let at = 0;
  const parts = diffArrays(from, to);
  for (let p = 0; p < parts.length; p += 1) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      at += part.value.length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const added =
      part.removed && parts[p + 1]?.added ? parts[++p].value : part.added ? part.value : [];
    // Lines replaced one for one are changes for as long as each keeps its kind.
    let paired = 0;
    while (
      paired < Math.min(removed.length, added.length) &&
      sameKind(holders[at + paired], removed[paired], added[paired])
    ) {
      edits.push({ kind: 'change', line: at + paired, from: removed[paired], to: added[paired] });
      paired += 1;
    }
    for (let k = paired; k < removed.length; k += 1) edits.push(removal(holders, at + k));
    const rest = added.slice(paired).filter((line) => line !== '');
    if (rest.length > 0) edits.push(addition(holders, at + paired, rest));
    at += removed.length;
  }
  return edits.filter((edit) => edit.kind !== 'remove' || holders[edit.line].kind !== 'blank');
}

/** Whether `to` can replace `from` in place: the same kind of line, its number unchanged. */
function sameKind(holder: LineHolder, from: string, to: string): boolean {
  if (holder.kind === 'row') return isRowLine(to);
  if (holder.kind !== 'line' && holder.kind !== 'item') return false;
  if (to === '' || isRowLine(to)) return false;
  if (labelOf(to) === labelOf(from)) return true;
  throw conflict(NUMBERED);
}

/** The removal of line `line`, where its block may go. */
function removal(holders: LineHolder[], line: number): Edit {
  const holder = holders[line];
  if (holder.kind === 'item') throw conflict(NUMBERED);
  const removable =
    holder.kind === 'blank' ||
    holder.kind === 'row' ||
    (holder.kind === 'line' && ADDABLE.has(holder.block));
  if (!removable) throw conflict(NOT_REMOVABLE);
  return { kind: 'remove', line };
}

/** New lines at `line` (before the line now there): beside the line before, else the one after. */
function addition(holders: LineHolder[], line: number, lines: string[]): Edit {
  const before = holders[line - 1];
  const anchor = before && before.kind !== 'blank' ? line - 1 : line;
  const holder = holders[anchor];
  const addable = holder?.kind === 'row' || (holder?.kind === 'line' && ADDABLE.has(holder.block));
  if (!holder || !addable) throw conflict(NOT_ADDABLE);
  if (holder.kind === 'row' && !lines.every(isRowLine))
    throw conflict(
      'Baris yang ditambahkan di antara baris tabel Lampiran harus berupa baris tabel.',
    );
  if (holder.kind === 'line' && lines.some(isRowLine)) throw conflict(NOT_ADDABLE);
  if (holder.kind === 'line' && lines.some((l) => labelOf(l) !== null)) throw conflict(NUMBERED);
  return { kind: 'add', line: anchor, after: anchor === line - 1, lines };
}

/** Applies planned edits to a Y.Doc, each against the element behind its line there. */
function applyEdits(ydoc: Y.Doc, part: PartId, edits: Edit[]): void {
  const holders = lineHolders(ydoc, part);
  const index = rujukanIndex(readDocument(ydoc));
  // Additions go first, while every block they stand beside is still there.
  const order = [...edits].sort((a, b) => Number(b.kind === 'add') - Number(a.kind === 'add'));
  for (const edit of order) {
    const holder = holders[edit.line];
    if (edit.kind === 'change') changeLine(holder, edit.from, edit.to, index);
    else if (edit.kind === 'add') addLines(holder, edit.after, edit.lines);
    else removeBlock(holder);
  }
}

function changeLine(holder: LineHolder, from: string, to: string, index: RujukanIndex): void {
  if (holder.kind === 'row') return changeRow(holder.element, from, to, index);
  if (holder.kind !== 'line' && holder.kind !== 'item') return;
  setWords(holder.element, labelOf(to) ? stripLabel(to) : to, index);
}

/** Edits the cells of a row whose words changed; its cells and their paragraphs stay as many. */
function changeRow(row: Y.XmlElement, from: string, to: string, index: RujukanIndex): void {
  const cells = rowCells(row);
  const before = parseRowLine(from) ?? [];
  const after = parseRowLine(to) ?? [];
  if (after.length !== cells.length)
    throw conflict(
      `Baris tabel yang diusulkan memuat ${after.length} kolom, sedangkan tabel memuat ${cells.length}; ` +
        'perubahan kolom diterapkan perancang di editor.',
    );
  cells.forEach((paragraphs, c) => {
    if (after[c] === before[c]) return;
    const words = splitCell(before[c], after[c], paragraphs.length);
    paragraphs.forEach((paragraph, i) => setWords(paragraph, words[i], index));
  });
}

/** The words of each paragraph of a cell: all of them in one, else split where they are printed apart. */
function splitCell(before: string, after: string, paragraphs: number): string[] {
  if (paragraphs === 1) return [after];
  const was = before.split(CELL_PARAGRAPH_SEPARATOR);
  const now = after.split(CELL_PARAGRAPH_SEPARATOR);
  if (was.length !== paragraphs || now.length !== paragraphs)
    throw conflict(
      'Usulan mengubah jumlah paragraf dalam sel tabel Lampiran; perancang menerapkannya di editor.',
    );
  return now;
}

/** Rewrites a text block's words: references where it held some, else only the words that differ. */
function setWords(element: Y.XmlElement, words: string, index: RujukanIndex): void {
  if (holdsReference(element)) rewriteWithReferences(element, words, index);
  else editText(element, words);
}

/** New blocks like the holder's, after it or before it, one per line, in order. */
function addLines(holder: LineHolder, after: boolean, lines: string[]): void {
  if (holder.kind !== 'line' && holder.kind !== 'row') return;
  const anchor = holder.element;
  const parent = anchor.parent as Y.XmlElement | Y.XmlFragment;
  let at = parent.toArray().indexOf(anchor) + (after ? 1 : 0);
  for (const line of lines) {
    const block =
      holder.kind === 'row'
        ? newRow(parseRowLine(line)!, rowCells(anchor).length)
        : newLine(holder.block, line);
    parent.insert(at, [toYElement(block)]);
    at += 1;
  }
}

/** A new text block of the given kind holding a line's words. */
function newLine(block: LineBlock, line: string) {
  if (block === 'paragraph') return paragraphOf(line);
  return schema.nodes[block].create(null, line === '' ? null : schema.text(line));
}

/** A new data row of the Lampiran's table, its cells as wide as the table's. */
function newRow(cells: string[], width: number) {
  if (cells.length !== width)
    throw conflict(
      `Baris tabel yang diusulkan memuat ${cells.length} kolom, sedangkan tabel memuat ${width}; ` +
        'perubahan kolom diterapkan perancang di editor.',
    );
  const { table_row, table_cell } = schema.nodes;
  return table_row.create(
    { id: newClauseId() },
    cells.map((words) => table_cell.create(null, paragraphOf(words))),
  );
}

/** Removes the block behind a line; a table keeps at least one row, a Lampiran one heading line. */
function removeBlock(holder: LineHolder): void {
  if (holder.kind !== 'line' && holder.kind !== 'row') return;
  const element = holder.element;
  const parent = element.parent as Y.XmlElement | Y.XmlFragment;
  const siblings = parent
    .toArray()
    .filter((s) => s instanceof Y.XmlElement && s.nodeName === element.nodeName);
  if (holder.kind === 'row' && siblings.length === 1)
    throw conflict(
      'Usulan menghapus baris terakhir tabel Lampiran; menghapus tabel diterapkan perancang di editor.',
    );
  if (holder.kind === 'line' && holder.block === 'lampiran_heading' && siblings.length === 1)
    throw conflict(
      'Lampiran harus tetap memiliki judul; usulan ini diterapkan perancang di editor.',
    );
  parent.delete(parent.toArray().indexOf(element), 1);
}
