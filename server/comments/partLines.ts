import * as Y from 'yjs';
import { FRAGMENT } from '../documents/text';
import { LAMPIRAN, TABLE_NODES } from '../../shared/lampiran';
import { isNumberedKind } from '../../shared/numbering';
import { paragraphElements } from './proposal';

// The pembukaan and the penutup print from several top-level blocks (shared/naskah.ts,
// printBlocks; shared/lampiran.ts, lampiranLines): a title, preamble or closing block is a line,
// a numbered block one line per paragraph, a Lampiran its heading lines, its paragraphs and
// list items, and each table row one line (`| a | b |`), with blank lines between groups. This
// module lays the printed lines of a part against the Yjs elements behind them, line for line,
// so a proposal made on the printed text can be applied to the blocks it names.

/** The part of the naskah outside the Pasal a proposal may be about. */
export type PartId = 'pembukaan' | 'penutup';

/** A text block printed whole as one line: its node name says what a new line beside it is. */
export type LineBlock = 'title' | 'preamble' | 'closing' | 'lampiran_heading' | 'paragraph';

/** What stands behind one printed line of a part. */
export type LineHolder =
  /** The blank line between two groups of blocks, or around a table. */
  | { kind: 'blank' }
  /** A text block printed as one line. */
  | { kind: 'line'; block: LineBlock; element: Y.XmlElement }
  /** A paragraph of a numbered block (ayat, list item), printed after its number. */
  | { kind: 'item'; element: Y.XmlElement }
  /** A table row of a Lampiran, its cells printed between bars. */
  | { kind: 'row'; element: Y.XmlElement }
  /** A block no proposal edits (a kind the part does not usually hold), printed as its text. */
  | { kind: 'fixed' };

const BLANK: LineHolder = { kind: 'blank' };
const LINE_BLOCKS: ReadonlySet<string> = new Set(['title', 'preamble', 'closing']);

/** Blocks print in groups with a blank line between (shared/naskah.ts, printGroup). */
const groupOf = (name: string) =>
  name === 'title' || name === 'closing' || name === LAMPIRAN ? name : 'body';

/** The top-level blocks of a part: those before the first Pasal, or the others. */
export function partBlocks(ydoc: Y.Doc, part: PartId): Y.XmlElement[] {
  const blocks: Y.XmlElement[] = [];
  let seenClause = false;
  for (const child of ydoc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'clause') seenClause = true;
    else if ((part === 'pembukaan') === !seenClause) blocks.push(child);
  }
  return blocks;
}

/** What stands behind each printed line of a part, in the order the part prints. */
export function lineHolders(ydoc: Y.Doc, part: PartId): LineHolder[] {
  const blocks = partBlocks(ydoc, part);
  const holders: LineHolder[] = [];
  blocks.forEach((block, i) => {
    const name = block.nodeName;
    const apart = i > 0 && groupOf(blocks[i - 1].nodeName) !== groupOf(name);
    if (apart || (i > 0 && name === LAMPIRAN)) holders.push(BLANK);
    holders.push(...blockHolders(block));
  });
  return holders;
}

function blockHolders(block: Y.XmlElement): LineHolder[] {
  const name = block.nodeName;
  if (LINE_BLOCKS.has(name)) return [{ kind: 'line', block: name as LineBlock, element: block }];
  if (isNumberedKind(name)) return items(block);
  if (name === LAMPIRAN) return lampiranHolders(block);
  return [{ kind: 'fixed' }];
}

const items = (block: Y.XmlElement): LineHolder[] =>
  paragraphElements(block).map((element) => ({ kind: 'item', element }));

/** A Lampiran as lampiranLines prints it: heading lines, then its body, tables set apart. */
function lampiranHolders(lampiran: Y.XmlElement): LineHolder[] {
  const holders: LineHolder[] = [];
  const body: Y.XmlElement[] = [];
  for (const child of lampiran.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'lampiran_heading')
      holders.push({ kind: 'line', block: 'lampiran_heading', element: child });
    else body.push(child);
  }
  const isTable = (element: Y.XmlElement | undefined) => element?.nodeName === TABLE_NODES.table;
  body.forEach((block, i) => {
    if (i === 0 || isTable(block) || isTable(body[i - 1])) holders.push(BLANK);
    if (isTable(block)) holders.push(...rowHolders(block));
    else if (block.nodeName === 'paragraph')
      holders.push({ kind: 'line', block: 'paragraph', element: block });
    else if (isNumberedKind(block.nodeName)) holders.push(...items(block));
    else holders.push({ kind: 'fixed' });
  });
  return holders;
}

function rowHolders(table: Y.XmlElement): LineHolder[] {
  return table
    .toArray()
    .filter(
      (row): row is Y.XmlElement => row instanceof Y.XmlElement && row.nodeName === TABLE_NODES.row,
    )
    .map((element) => ({ kind: 'row', element }));
}

/** The cells of a table row, each with its paragraph elements. */
export function rowCells(row: Y.XmlElement): Y.XmlElement[][] {
  return row
    .toArray()
    .filter(
      (cell): cell is Y.XmlElement =>
        cell instanceof Y.XmlElement &&
        (cell.nodeName === TABLE_NODES.cell || cell.nodeName === TABLE_NODES.header),
    )
    .map((cell) =>
      cell
        .toArray()
        .filter((p): p is Y.XmlElement => p instanceof Y.XmlElement && p.nodeName === 'paragraph'),
    );
}
