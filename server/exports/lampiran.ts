import type { Node } from 'prosemirror-model';
import {
  isTableCell,
  LAMPIRAN,
  lampiranBody,
  lampiranHeadingLines,
  padTable,
  TABLE_NODES,
} from '../../shared/lampiran';
import { blockLines, siblingNumbers } from '../../shared/numbering';
import type { RujukanIndex } from '../../shared/rujukan';
import { inlineText } from '../../shared/rujukanText';
import { PAGE, PAPER, type NumberedParagraph, type Paper } from './layout';
import { hasEmphasis, inlineRuns, type TrackedChange } from './runs';

// The Lampiran as both exports print it: after the signature block, each Lampiran from a new
// page, its heading lines centred, its text laid out as a Pasal's and its tables as real tables
// with borders. What is read and measured here is shared, so the DOCX and the PDF say the same
// thing and size their columns alike.

/**
 * A paragraph of a table cell, with its emphasis when it has some and, in a tracked-changes
 * export, its word-level changes (`runs`) or its whole insertion or deletion (`change`).
 */
export type ExportCellParagraph = Pick<NumberedParagraph, 'text' | 'runs' | 'change'>;

/** One cell of a table: a heading cell (shaded, bold) or a data cell, and its paragraphs. */
export interface ExportTableCell {
  header: boolean;
  paragraphs: ExportCellParagraph[];
}

/** One row of a table; a row of heading cells repeats on every page the table runs onto. */
export interface ExportTableRow {
  id?: string;
  cells: ExportTableCell[];
  /** In a tracked-changes export: the row was inserted, or deleted (and printed at its old place). */
  change?: TrackedChange;
}

/** A table of a Lampiran, every row as wide as the widest (short rows are padded). */
export interface ExportTable {
  kind: 'table';
  id?: string;
  rows: ExportTableRow[];
}

/** A run of paragraphs and list items of a Lampiran, laid out as a Pasal's text. */
export interface ExportLampiranText {
  kind: 'text';
  lines: NumberedParagraph[];
}

/** A Lampiran as the exports print it. */
export interface ExportLampiran {
  id?: string;
  /** Its heading lines (`LAMPIRAN`, …, `RENCANA KERJA`), centred. */
  headings: string[];
  /** In a tracked-changes export: the heading lines with their changes (tracked.ts), in place of `headings`. */
  headingLayout?: NumberedParagraph[];
  body: (ExportLampiranText | ExportTable)[];
  /** In a tracked-changes export: the whole Lampiran was inserted, or deleted. */
  change?: TrackedChange;
}

/** Reads every Lampiran of a document, in order; references print as their labels. */
export function exportLampiran(doc: Node, rujukan: RujukanIndex): ExportLampiran[] {
  const found: ExportLampiran[] = [];
  doc.forEach((block) => {
    if (block.type.name === LAMPIRAN) found.push(readLampiran(block, rujukan));
  });
  return found;
}

function readLampiran(lampiran: Node, rujukan: RujukanIndex): ExportLampiran {
  const body: ExportLampiran['body'] = [];
  const blocks = lampiranBody(lampiran);
  const numbers = siblingNumbers(blocks);
  const line = (p: Node, marker: string | null, level: number): NumberedParagraph => {
    const runs = inlineRuns(p, rujukan, null);
    const text = inlineText(p, rujukan, null);
    return hasEmphasis(runs) ? { marker, text, level, runs } : { marker, text, level };
  };
  const text = (lines: NumberedParagraph[]) => {
    const last = body.at(-1);
    if (last?.kind === 'text') last.lines.push(...lines);
    else body.push({ kind: 'text', lines });
  };
  blocks.forEach((block, i) => {
    if (block.type.name === TABLE_NODES.table) body.push(readTable(block, rujukan));
    else if (block.type.name === 'paragraph') text([line(block, null, 0)]);
    else {
      // A list item and its nested items, numbered and hung as in a Pasal.
      const paragraphs: Node[] = [];
      const lines = blockLines(block, numbers[i], (p) => {
        paragraphs.push(p);
        return '';
      });
      text(lines.map((l, n) => line(paragraphs[n], l.label, l.depth)));
    }
  });
  return { id: idOf(lampiran), headings: lampiranHeadingLines(lampiran), body };
}

function readTable(table: Node, rujukan: RujukanIndex): ExportTable {
  const rows: ExportTableRow[] = [];
  padTable(table).forEach((row) => {
    const cells: ExportTableCell[] = [];
    row.forEach((cell) => {
      if (!isTableCell(cell)) return;
      const paragraphs: ExportCellParagraph[] = [];
      cell.forEach((p) => {
        const runs = inlineRuns(p, rujukan, null);
        const text = inlineText(p, rujukan, null);
        paragraphs.push(hasEmphasis(runs) ? { text, runs } : { text });
      });
      cells.push({ header: cell.type.name === TABLE_NODES.header, paragraphs });
    });
    rows.push({ id: idOf(row), cells });
  });
  return { kind: 'table', id: idOf(table), rows };
}

function idOf(node: Node): string | undefined {
  const id = String(node.attrs.id ?? '');
  return id === '' ? undefined : id;
}

/**
 * The space before heading line `index`, in twips: the last line of a longer heading is the
 * Lampiran's own title (`RENCANA KERJA`) and stands a line apart from the lines naming the naskah.
 */
export function titleGap(lines: readonly string[], index: number): number {
  return lines.length >= 3 && index === lines.length - 1 ? 240 : 0;
}

/** The number of columns of a table (its widest row). */
export function columnCount(table: ExportTable): number {
  return Math.max(0, ...table.rows.map((row) => row.cells.length));
}

/** Whether a row is a heading row: every cell a heading cell. */
export function isHeaderRow(row: ExportTableRow): boolean {
  return row.cells.length > 0 && row.cells.every((cell) => cell.header);
}

/** The words of a cell, its paragraphs on lines of their own. */
export function cellText(cell: ExportTableCell | undefined): string {
  return (cell?.paragraphs ?? []).map((p) => p.text).join('\n');
}

// Column widths are estimated in ems of the body size, the same for both renderers (the DOCX
// has no font metrics to measure with): a word takes about WORD_EM of an em per character
// (capitals and bold included), running text about TEXT_EM, and a cell's padding CELL_EM.
const WORD_EM = 0.65;
const TEXT_EM = 0.5;
const CELL_EM = 0.8;
// A column wants room for its longest text up to this many characters, so one long description
// does not starve the others.
const WIDE_COLUMN = 40;

/**
 * The share of the text width each column takes (summing to 1). Every column first gets room
 * for its longest word, so no word is split across lines; what is left goes to the columns
 * whose longer texts want it. Both exports use these shares, so their tables break alike.
 */
export function columnShares(table: ExportTable, paper: Paper = 'A4'): number[] {
  const count = columnCount(table);
  const total = (PAPER[paper].width - PAGE.marginLeft - PAGE.marginRight) / PAGE.bodySize;
  const need: number[] = [];
  const want: number[] = [];
  for (let column = 0; column < count; column++) {
    const lines = table.rows.flatMap((row) => cellText(row.cells[column]).split('\n'));
    const longest = Math.max(0, ...lines.map((t) => t.length));
    const word = Math.max(0, ...lines.flatMap((t) => t.split(/\s+/)).map((w) => w.length));
    need.push(word * WORD_EM + CELL_EM);
    want.push(Math.min(longest, WIDE_COLUMN) * TEXT_EM + CELL_EM);
  }
  const needed = need.reduce((sum, n) => sum + n, 0);
  if (needed === 0) return need.map(() => 1 / Math.max(1, count));
  if (needed >= total) return need.map((n) => n / needed);
  const more = want.map((w, i) => Math.max(0, w - need[i]));
  const wanted = more.reduce((sum, m) => sum + m, 0);
  const spare = total - needed;
  return need.map(
    (n, i) => (n + (wanted > 0 ? (spare * more[i]) / wanted : (spare * n) / needed)) / total,
  );
}

// A column of numbers (`No.`, `1.`) is centred; anything longer reads from the left.
const SHORT_CELL = 4;

/** Whether each column is centred: every cell of it is short (a number, `No.`). */
export function centredColumns(table: ExportTable): boolean[] {
  return Array.from({ length: columnCount(table) }, (_, column) =>
    table.rows.every((row) => cellText(row.cells[column]).length <= SHORT_CELL),
  );
}
