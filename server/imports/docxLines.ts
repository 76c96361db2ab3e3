import type { MarkRange, PlainLine } from '../../shared/plainText';
import {
  LIST_LEVELS,
  NUMBERED_KINDS,
  numberLabel,
  type NumberedKind,
} from '../../shared/numbering';
import { DOCX_STYLE } from '../exports/docxStyles';
import type { DocxBlock, ParagraphBlock, TableBlock } from './docxBlocks';

// The body of a Word draft as lines of the plain form (shared/plainText.ts): paragraphs with
// the numbers Word generates written out, tables flattened into their cells' lines, and the
// komparisi laid out as a table turned into one line per party.

// The plain form's clause line (shared/plainText.ts).
export const PASAL_LINE = /^pasal\s+\d+$/i;

// Lines that open a signature block or a paraf table. Names, positions and initials are not
// text of the agreement: Selaras prints them from its own records at export, so they are
// dropped rather than kept, which would print them twice.
const SIGNATURE_LINES = [
  /^(pihak\s+ke[a-z-]+|para\s+pihak)\s*[,:.]?$/i,
  /^(untuk\s+dan\s+atas\s+nama\b|a\.\s?n\.|u\.\s?b\.)/i,
  /^(ttd\.?|tertanda|materai|meterai)\b/i,
  /^paraf(\s+koordinasi)?\s*:?$/i,
];
const TAIL_STYLES: ReadonlySet<string> = new Set([DOCX_STYLE.signature, DOCX_STYLE.paraf]);

/** Whether a line opens a signature block or a paraf table, after which nothing is text. */
export function isTail(block: ParagraphBlock): boolean {
  if (isTailStyle(block.styleId)) return true;
  return SIGNATURE_LINES.some((pattern) => pattern.test(block.text));
}

/** Whether a paragraph style is a Selaras export's signature block or paraf sheet. */
export function isTailStyle(styleId: string | null): boolean {
  return styleId !== null && TAIL_STYLES.has(styleId);
}

/** A line of the body as read, with where it came from. */
export interface Line extends ParagraphBlock {
  /** The table it was a cell of, counted from 0, when a table was flattened into lines. */
  table?: number;
}

/**
 * Writes out the numbers Word generates for list items, so parsePlainLines turns them into
 * ayat and list items like typed ones. A list whose format
 * is one of Lampiran II's keeps it (`(1)` an ayat, `a.` a huruf, `1.` an angka, `a)`, `1)`);
 * otherwise the level decides, as Indonesian legal drafting nests: a top-level item is an
 * ayat `(1)`, unless it follows a lead-in ending in ":" (then it is a huruf `a.`), and each
 * level further in is the next list level (`a.`, `1.`, `a)`, `1)`).
 */
export function numberListItems(paragraphs: Line[]): Line[] {
  const counts = new Map<NumberedKind, number>();
  let inTopLevelItems = false;
  let previous = '';
  return paragraphs.map((paragraph) => {
    let { text, marks } = paragraph;
    const numbering = paragraph.numbering;
    if (PASAL_LINE.test(text)) counts.clear();
    if (numbering === null || !numbering.ordered) {
      LIST_LEVELS.forEach((kind) => counts.delete(kind));
      inTopLevelItems = false;
    } else {
      let kind = numbering.kind;
      if (kind === null) {
        const topLevelAyat = numbering.level === 0 && !inTopLevelItems && !previous.endsWith(':');
        inTopLevelItems ||= !topLevelAyat && numbering.level === 0;
        const depth = Math.max(0, inTopLevelItems ? numbering.level : numbering.level - 1);
        kind = topLevelAyat ? 'ayat' : LIST_LEVELS[Math.min(depth, LIST_LEVELS.length - 1)];
      }
      const n = (counts.get(kind) ?? 0) + 1;
      // A block starts the count of every level inside it afresh.
      NUMBERED_KINDS.slice(NUMBERED_KINDS.indexOf(kind) + 1).forEach((k) => counts.delete(k));
      counts.set(kind, n);
      const label = `${numberLabel(kind, n)} `;
      text = label + text;
      marks = shiftMarks(marks, label.length);
    }
    previous = text;
    return { ...paragraph, text, marks };
  });
}

export function shiftMarks(marks: MarkRange[], by: number): MarkRange[] {
  return marks.map((m) => ({ ...m, from: m.from + by, to: m.to + by }));
}

/**
 * The body as lines: each paragraph, and each table's cells in reading order, except that a
 * table of the pembukaan laid out as the komparisi (`1. | NAME | : | position …`) becomes one
 * komparisi line per party.
 */
export function bodyLines(blocks: DocxBlock[]): Line[] {
  const firstPasal = blocks.findIndex(
    (block) => block.kind === 'paragraph' && PASAL_LINE.test(block.text),
  );
  let tables = 0;
  return blocks.flatMap((block, index): Line[] => {
    if (block.kind === 'paragraph') return [block];
    const table = tables++;
    const inPembukaan = firstPasal === -1 || index < firstPasal;
    if (inPembukaan && isKomparisiTable(block)) return komparisiLines(block);
    return flattenTable(block, table);
  });
}

function flattenTable(block: TableBlock, table: number): Line[] {
  // A table's cells become lines in reading order; a table made by a Selaras export keeps its
  // style id on its first line so the tail is still recognised.
  return block.rows
    .flatMap((row) => row.cells.flat())
    .map((paragraph, index) => ({
      ...paragraph,
      styleId: index === 0 ? block.styleId : null,
      numbering: null,
      table,
    }));
}

// A komparisi row: an optional number, the name, a colon, then who the party is.
const ROW_NUMBER = /^\(?\d{1,3}[.)]?$/;
const COLON = /^:$/;

/** The text of each cell of a row: its paragraphs joined by a space, marks kept. */
function rowCells(row: TableBlock['rows'][number]): PlainCell[] {
  return row.cells.map((cell) => joinLines(cell, ' '));
}

interface PlainCell extends PlainLine {
  marks: MarkRange[];
  /** Whether Word numbers the cell (an automatic `1.` with no typed number). */
  numbered: boolean;
}

/**
 * Whether a table is the komparisi laid out in columns: some row has a cell holding only `:`
 * with words after it, and every row with words is such a row or goes on from one.
 */
function isKomparisiTable(table: TableBlock): boolean {
  const rows = table.rows.map(rowCells).filter((cells) => cells.some((c) => c.text !== ''));
  if (rows.length === 0 || rows.some((cells) => cells.length > 6)) return false;
  return rows.some((cells) => {
    const colon = cells.findIndex((c) => COLON.test(c.text));
    return colon > 0 && cells.slice(colon + 1).some((c) => c.text !== '');
  });
}

/**
 * One line per party: `1. AHMAD FAUZI, Kepala …, selanjutnya disebut PIHAK KESATU`. The number
 * column (typed or Word's) makes the line a komparisi item `angka`; without one each party is
 * a paragraph. A row with neither number nor name goes on the party above it.
 */
function komparisiLines(table: TableBlock): Line[] {
  const lines: Line[] = [];
  let parties = 0;
  for (const cells of table.rows.map(rowCells)) {
    // The number is typed in the first column, or Word numbers the row (that column or the name).
    const typed = cells.length > 1 && ROW_NUMBER.test(cells[0].text);
    const numbered = typed || cells.some((c) => c.numbered);
    const words = cells
      .slice(typed || (cells[0].numbered && cells[0].text === '') ? 1 : 0)
      .filter((c) => c.text !== '' && !COLON.test(c.text));
    if (words.length === 0) continue;
    const opensParty = numbered || cells.some((c) => COLON.test(c.text)) || lines.length === 0;
    const joined = joinLines(words, ', ');
    if (!opensParty) {
      const last = lines[lines.length - 1];
      const merged = joinLines([last, joined], ' ');
      lines[lines.length - 1] = { ...last, text: merged.text, marks: merged.marks };
      continue;
    }
    parties += 1;
    const label = numbered ? `${parties}. ` : '';
    lines.push({
      kind: 'paragraph',
      text: label + joined.text,
      marks: shiftMarks(joined.marks, label.length),
      styleId: null,
      numbering: null,
      otherFormatting: false,
    });
  }
  return lines;
}

/**
 * Lines joined into one by `separator`, marks kept; a line already ending in the separator's
 * punctuation (`AHMAD FAUZI,`) is not given it twice.
 */
export function joinLines(
  lines: readonly (PlainLine & { numbering?: ParagraphBlock['numbering'] })[],
  separator: string,
): PlainCell {
  let text = '';
  const marks: MarkRange[] = [];
  let numbered = false;
  for (const line of lines) {
    numbered ||= line.numbering?.ordered === true;
    if (line.text === '') continue;
    if (text !== '') text += text.endsWith(separator.trim()) && separator.trim() ? ' ' : separator;
    marks.push(...shiftMarks([...(line.marks ?? [])], text.length));
    text += line.text;
  }
  return { text, marks, numbered };
}
