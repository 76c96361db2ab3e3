import { parseBookmarkName } from '../exports/docxIdentity';
import { DOCX_LAMPIRAN_STYLE, DOCX_STYLE } from '../exports/docxStyles';
import type { ResponseParagraph } from './responseFile';
import { CELL_PARAGRAPH_SEPARATOR, rowLine } from '../../shared/lampiran';
import { rowExistsIn, standsAloneIn } from '../word/paragraph';
import type { View } from '../word/trackedChanges';

// A response's paragraphs grouped by the part of the naskah they belong to. A Selaras export
// names its parts with hidden bookmarks (docxIdentity.ts), which survive editing in Word: a
// part runs from the paragraph its bookmark starts in to the next part's start, so a paragraph
// a reader added at the end of a Pasal still belongs to it; a table after a part's end (the
// signature block, the lembar paraf) closes it. A Lampiran, printed after the signature block,
// goes on the penutup it belongs to, from its bookmark through its tables and the paragraphs in
// its styles; its tables are read row by row, each row one line as the naskah prints it
// (`| a | b |`, shared/lampiran.ts). A file made elsewhere is split at its "Pasal N" lines; the
// Pasal are then aligned to the revision by their headings and text.

/** What a group of paragraphs is: a part named by a bookmark, or a Pasal found by its line. */
export type SegmentTarget =
  | { kind: 'pembukaan' }
  | { kind: 'penutup' }
  | { kind: 'clause'; id: string }
  | { kind: 'pasal'; label: string };

/** A group of paragraphs (their indices, in order) and what it is. */
export interface Segment {
  target: SegmentTarget;
  paragraphs: number[];
  /** Those of a Lampiran (in the penutup's): their tables are read row by row. */
  lampiran?: number[];
}

/** One line of a segment as a reader sees it in one view, with the style of its paragraph. */
export interface Line {
  text: string;
  style: string | null;
}

/** A "Pasal N" line (N may carry a letter, `Pasal 4A`, as an inserted Pasal is numbered). */
export const PASAL_LINE = /^\s*pasal\s+(\d{1,4}[a-z]?)\s*$/i;
// The set phrases that open a closing (as the importer reads them) and the lines that open a
// signature block, for a file made elsewhere.
const CLOSING_LINE = /^\s*(demikian\b|(dibuat|ditandatangani)\s+di\b)/i;
const SIGNATURE_LINE = /^\s*(pihak\s+ke[a-z-]+|para\s+pihak|untuk\s+dan\s+atas\s+nama\b)/i;

const textOf = (p: ResponseParagraph) => (p.proposed.trim() !== '' ? p.proposed : p.original);
const pasalLabel = (p: ResponseParagraph) => PASAL_LINE.exec(textOf(p))?.[1] ?? null;

/** The parts a Selaras export's bookmarks name, or null when the file has none. */
export function bookmarkedSegments(paragraphs: readonly ResponseParagraph[]): Segment[] | null {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let currentName: string | null = null;
  let ended = false;
  let inLampiran = false;
  paragraphs.forEach((paragraph, i) => {
    const start = partStart(paragraph.bookmarkStarts);
    if (start) {
      inLampiran = start.target.kind === 'lampiran';
      current = inLampiran
        ? penutupOf(segments)
        : { target: start.target as SegmentTarget, paragraphs: [] };
      if (!segments.includes(current)) segments.push(current);
      currentName = start.name;
      ended = false;
    } else if (current && (inLampiran ? leavesLampiran(paragraph) : ended && paragraph.inTable)) {
      current = null;
    } else if (current && !inLampiran) {
      const label = pasalLabel(paragraph);
      // A "Pasal N" a reader typed inside a part starts a Pasal Selaras does not know.
      if (label !== null && current.target.kind !== 'pembukaan') {
        current = { target: { kind: 'pasal', label }, paragraphs: [] };
        segments.push(current);
      }
    }
    if (current) {
      current.paragraphs.push(i);
      if (inLampiran) (current.lampiran ??= []).push(i);
    }
    if (currentName !== null && paragraph.bookmarkEnds.includes(currentName)) ended = true;
  });
  return segments.length > 0 ? segments : null;
}

/**
 * Whether a paragraph is past a Lampiran: one outside its tables in none of its styles (the
 * lembar paraf's heading, the hash lines). A Lampiran's bookmark holds only its heading lines.
 */
const leavesLampiran = (paragraph: ResponseParagraph) =>
  !paragraph.inTable && !LAMPIRAN_STYLES.has(paragraph.style ?? '');
const LAMPIRAN_STYLES: ReadonlySet<string> = new Set(Object.values(DOCX_LAMPIRAN_STYLE));

/** The penutup's segment, which a Lampiran goes on (a new one when the penutup has no lines). */
function penutupOf(segments: Segment[]): Segment {
  return (
    segments.find((segment) => segment.target.kind === 'penutup') ?? {
      target: { kind: 'penutup' },
      paragraphs: [],
    }
  );
}

/** The last part bookmark starting in a paragraph (an empty part's start comes before). */
function partStart(names: readonly string[]) {
  let found: { name: string; target: SegmentTarget | { kind: 'lampiran' } } | null = null;
  for (const name of names) {
    const target = parseBookmarkName(name);
    if (target && target.kind !== 'block') found = { name, target };
  }
  return found;
}

/**
 * The parts of a file made elsewhere: the pembukaan before the first "Pasal N" line, each Pasal
 * to the next one, and after the last the penutup from its closing formula up to a table or a
 * signature line. Empty when the file has no "Pasal N" line.
 */
export function alignedSegments(paragraphs: readonly ResponseParagraph[]): Segment[] {
  const pasalAt = paragraphs.flatMap((p, i) => (pasalLabel(p) !== null ? [i] : []));
  if (pasalAt.length === 0) return [];
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  const segments: Segment[] = [{ target: { kind: 'pembukaan' }, paragraphs: range(0, pasalAt[0]) }];
  pasalAt.forEach((at, k) => {
    const label = pasalLabel(paragraphs[at])!;
    const next = pasalAt[k + 1];
    if (next !== undefined) {
      segments.push({ target: { kind: 'pasal', label }, paragraphs: range(at, next) });
      return;
    }
    // The last Pasal ends where the closing starts, or at a table (the signature block).
    let end = at + 1;
    while (end < paragraphs.length && !paragraphs[end].inTable && !isClosing(paragraphs[end]))
      end += 1;
    segments.push({ target: { kind: 'pasal', label }, paragraphs: range(at, end) });
    let tail = end;
    while (tail < paragraphs.length && !paragraphs[tail].inTable && !isSignature(paragraphs[tail]))
      tail += 1;
    if (tail > end) segments.push({ target: { kind: 'penutup' }, paragraphs: range(end, tail) });
  });
  return segments;
}

const isClosing = (p: ResponseParagraph) =>
  p.style === DOCX_STYLE.closing || CLOSING_LINE.test(textOf(p));
const isSignature = (p: ResponseParagraph) =>
  p.style === DOCX_STYLE.signature || SIGNATURE_LINE.test(textOf(p));

/**
 * The lines of a segment in one view: a paragraph whose mark did not exist in that view runs on
 * into the next one; tabs (Word's gap after a number) read as one space; empty lines are left
 * out. The table cells among `rows` (a Lampiran's) make one line per table row that exists in
 * the view, as the naskah prints it.
 */
export function segmentLines(
  paragraphs: readonly ResponseParagraph[],
  indices: readonly number[],
  view: View,
  rows: ReadonlySet<number> = new Set(),
): Line[] {
  const lines: Line[] = [];
  let pending: Line | null = null;
  // Widened on purpose: endRow() resets it from a closure.
  let row = null as RowText | null;
  const endRow = () => {
    if (row?.exists) lines.push({ text: rowLine(row.cells.map(cellText)), style: null });
    row = null;
  };
  for (const index of indices) {
    const paragraph = paragraphs[index];
    const cell = rows.has(index) ? paragraph.cell : null;
    if (cell) {
      const key = `${cell.table}:${cell.row}`;
      if (row?.key !== key) {
        endRow();
        row = { key, exists: rowExistsIn(paragraph, view), cells: [] };
      }
      addToCell(row, cell.column, paragraph, view);
      continue;
    }
    endRow();
    const words = paragraph[view];
    const line: Line = pending ?? { text: '', style: null };
    if (line.text.trim() === '') line.style = paragraph.style;
    line.text += words;
    const runsOn = !standsAloneIn(paragraph, view);
    pending = runsOn ? line : null;
    if (!runsOn) lines.push(line);
  }
  endRow();
  if (pending) lines.push(pending);
  return lines
    .map((line) => ({ ...line, text: normalizeLine(line.text) }))
    .filter((line) => line.text !== '');
}

/** A table row being read: its cells, each its paragraphs' words, and whether it is in the view. */
interface RowText {
  key: string;
  exists: boolean;
  /** Each cell's paragraphs; `runsOn` when the last one's mark does not exist in the view. */
  cells: { paragraphs: string[]; runsOn: boolean }[];
}

function addToCell(row: RowText, column: number, paragraph: ResponseParagraph, view: View): void {
  for (let c = row.cells.length; c <= column; c += 1)
    row.cells.push({ paragraphs: [], runsOn: false });
  const cell = row.cells[column];
  if (cell.runsOn && cell.paragraphs.length > 0)
    cell.paragraphs[cell.paragraphs.length - 1] += paragraph[view];
  else cell.paragraphs.push(paragraph[view]);
  cell.runsOn = !standsAloneIn(paragraph, view);
}

const cellText = (cell: RowText['cells'][number]) => cell.paragraphs.join(CELL_PARAGRAPH_SEPARATOR);

/** A line as compared: tabs and the spaces around them one space, no space at either end. */
export function normalizeLine(text: string): string {
  return text.replace(/[ \t]*\t[ \t]*/g, ' ').trim();
}

/** A Pasal's heading and text lines, read from its segment's lines. */
export interface SegmentClause {
  heading: string;
  lines: string[];
}

/**
 * Splits a Pasal segment's lines into heading and text: the "Pasal N" line is dropped; the
 * heading is the line styled as one in a Selaras export, else (a file made elsewhere) the first
 * line, unless the revision's Pasal has no heading (`hasHeading` false).
 */
export function clauseOf(lines: readonly Line[], hasHeading: boolean): SegmentClause {
  const rest =
    lines.length > 0 && (lines[0].style === DOCX_STYLE.pasal || PASAL_LINE.test(lines[0].text))
      ? lines.slice(1)
      : [...lines];
  // In a Selaras export the styles say which line is the heading, even when a reader emptied it.
  const exported = lines.some((line) => line.style?.startsWith('Selaras'));
  const styled = rest.findIndex((line) => line.style === DOCX_STYLE.heading);
  const at = exported ? styled : hasHeading && rest.length > 0 ? 0 : -1;
  return {
    heading: at === -1 ? '' : rest[at].text,
    lines: rest.filter((_, i) => i !== at).map((line) => line.text),
  };
}
