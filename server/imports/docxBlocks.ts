import mammoth from 'mammoth';
import type { NumberedKind } from '../../shared/numbering';
import type { MarkRange } from '../../shared/plainText';
import { invalidInput } from '../errors';

// mammoth reads the .docx into its document tree (paragraphs, runs, tables); this module
// flattens that tree into the blocks the importer needs: paragraph text with its bold and
// italic runs and its style id, and tables as rows of cells of such paragraphs. mammoth's own
// types leave the tree as `any`, so it is read here as `unknown` and narrowed.

/** One paragraph of the body: its text, its style id and, for a Word list item, its numbering. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** Where the text was bold (`strong`) or italic (`em`) in Word. */
  marks: MarkRange[];
  styleId: string | null;
  /** `kind`: the numbered block its list format stands for, when the format says so. */
  numbering: { level: number; ordered: boolean; kind: NumberedKind | null } | null;
  /** Whether a run was underlined, struck through, raised or lowered: formatting not kept. */
  otherFormatting: boolean;
}

/** One row of a table: its cells, each as its paragraphs; `header` for a repeated heading row. */
export interface TableRowBlock {
  header: boolean;
  cells: ParagraphBlock[][];
}

/** One table of the body, row by row. */
export interface TableBlock {
  kind: 'table';
  rows: TableRowBlock[];
  /** The style id of the first paragraph in the table, which names a Selaras export's table. */
  styleId: string | null;
}

/** A top-level block of a .docx body. */
export type DocxBlock = ParagraphBlock | TableBlock;

type Tree = Record<string, unknown>;

/**
 * Reads the top-level paragraphs and tables of a .docx with mammoth. `listKinds` gives the
 * kind of each numbered paragraph in document order (server/word/numbering.ts); it is used only when
 * it counts exactly the numbered paragraphs mammoth found.
 */
export async function readDocxBlocks(
  buffer: Buffer,
  listKinds: (NumberedKind | null)[] | null = null,
): Promise<DocxBlock[]> {
  let root: unknown = null;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        transformDocument: (document: unknown) => {
          root = document;
          return document;
        },
        // Images are not part of the text; skip decoding them into data URIs.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch {
    throw invalidInput('Berkas bukan dokumen Word (.docx) yang dapat dibaca.');
  }
  const kinds = kindsByParagraph(root, listKinds);
  const block = (node: Tree): DocxBlock[] => blockOf(node, kinds);
  return children(root).flatMap(block);
}

/** Pairs mammoth's numbered paragraphs, in document order, with the kinds read from the XML. */
function kindsByParagraph(
  root: unknown,
  listKinds: (NumberedKind | null)[] | null,
): Map<Tree, NumberedKind | null> {
  const numbered: Tree[] = [];
  const walk = (node: Tree) => {
    if (node.type === 'paragraph' && isTree(node.numbering)) numbered.push(node);
    children(node).forEach(walk);
  };
  children(root).forEach(walk);
  const kinds = new Map<Tree, NumberedKind | null>();
  if (listKinds?.length === numbered.length)
    numbered.forEach((node, index) => kinds.set(node, listKinds[index]));
  return kinds;
}

type Kinds = Map<Tree, NumberedKind | null>;

function blockOf(node: Tree, kinds: Kinds): DocxBlock[] {
  if (node.type === 'paragraph') return [paragraph(node, kinds)];
  if (node.type === 'table') {
    const rows = children(node).map((row) => ({
      header: row.isHeader === true,
      cells: children(row).flatMap((cell) => spread(cell, cellParagraphs(cell, kinds))),
    }));
    const first = rows.flatMap((row) => row.cells.flat())[0];
    return [{ kind: 'table', rows, styleId: first?.styleId ?? null }];
  }
  // Content controls and similar wrappers hold ordinary paragraphs.
  return children(node).flatMap((child) => blockOf(child, kinds));
}

/** A cell's paragraphs; a table nested in a cell gives its cells' paragraphs in reading order. */
function cellParagraphs(cell: Tree, kinds: Kinds): ParagraphBlock[] {
  return children(cell)
    .flatMap((child) => blockOf(child, kinds))
    .flatMap((inner) =>
      inner.kind === 'paragraph' ? [inner] : inner.rows.flatMap((row) => row.cells.flat()),
    );
}

/**
 * A cell merged across columns stands for as many cells, the first holding its text, so every
 * row of a table keeps the same number of columns. (mammoth has already dropped the cells a
 * vertical merge covers; the merged cell holds their text.)
 */
function spread(cell: Tree, paragraphs: ParagraphBlock[]): ParagraphBlock[][] {
  const span = Number(cell.colSpan ?? 1);
  const extra = Number.isInteger(span) && span > 1 ? Math.min(span, 64) - 1 : 0;
  return [paragraphs, ...Array.from({ length: extra }, () => [])];
}

function paragraph(node: Tree, kinds: Kinds): ParagraphBlock {
  const inline: Inline = { text: '', marks: [], otherFormatting: false };
  inlineOf(node, inline, { bold: false, italic: false });
  const lead = inline.text.length - inline.text.trimStart().length;
  const text = inline.text.trim();
  const marks = inline.marks
    .map((m) => ({
      ...m,
      from: Math.max(m.from - lead, 0),
      to: Math.min(m.to - lead, text.length),
    }))
    .filter((m) => m.from < m.to);
  return {
    kind: 'paragraph',
    text,
    marks,
    styleId: typeof node.styleId === 'string' ? node.styleId : null,
    numbering: numberingOf(node.numbering, kinds.get(node) ?? null),
    otherFormatting: inline.otherFormatting,
  };
}

function numberingOf(value: unknown, kind: NumberedKind | null): ParagraphBlock['numbering'] {
  if (!isTree(value)) return null;
  const level = Number(value.level ?? 0);
  return {
    level: Number.isInteger(level) && level >= 0 ? level : 0,
    ordered: value.isOrdered !== false,
    kind,
  };
}

/** A paragraph's text as it is read, with its marks so far. */
interface Inline {
  text: string;
  marks: MarkRange[];
  otherFormatting: boolean;
}

/** Appends the text under `node` to `inline`, bold and italic as the runs holding it say. */
function inlineOf(node: Tree, inline: Inline, style: { bold: boolean; italic: boolean }): void {
  switch (node.type) {
    case 'text':
      return append(inline, typeof node.value === 'string' ? node.value : '', style);
    // A tab or a line break inside a paragraph separates words; the paragraph stays one line
    // of the plain form. A page break separates nothing.
    case 'tab':
      return append(inline, ' ', style);
    case 'break':
      return append(inline, node.breakType === 'line' ? ' ' : '', style);
    case 'noteReference':
    case 'commentReference':
    case 'image':
      return;
    case 'run': {
      const own = { bold: node.isBold === true, italic: node.isItalic === true };
      const other =
        node.isUnderline === true ||
        node.isStrikethrough === true ||
        (typeof node.verticalAlignment === 'string' && node.verticalAlignment !== 'baseline');
      if (other && textUnder(node).trim() !== '') inline.otherFormatting = true;
      return children(node).forEach((child) => inlineOf(child, inline, own));
    }
    default:
      return children(node).forEach((child) => inlineOf(child, inline, style));
  }
}

function append(inline: Inline, text: string, style: { bold: boolean; italic: boolean }): void {
  if (text === '') return;
  const from = inline.text.length;
  inline.text += text;
  const to = inline.text.length;
  if (style.bold) extendMark(inline.marks, 'strong', from, to);
  if (style.italic) extendMark(inline.marks, 'em', from, to);
}

/** Adds a mark range, joined to the last range of that mark when they touch. */
function extendMark(marks: MarkRange[], mark: MarkRange['mark'], from: number, to: number): void {
  const last = marks.findLast((m) => m.mark === mark);
  if (last && last.to === from) last.to = to;
  else marks.push({ from, to, mark });
}

function textUnder(node: Tree): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  return children(node).map(textUnder).join('');
}

function children(node: unknown): Tree[] {
  if (!isTree(node) || !Array.isArray(node.children)) return [];
  return node.children.filter(isTree);
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null;
}
