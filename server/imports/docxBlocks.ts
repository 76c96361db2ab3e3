import mammoth from 'mammoth';
import type { NumberedKind } from '../../shared/numbering';
import { invalidInput } from '../errors';

// mammoth reads the .docx into its document tree (paragraphs, runs, tables); this module
// flattens that tree into the blocks the importer needs: paragraph text with its style id,
// and tables as rows of cell text. mammoth's own types leave the tree as `any`, so it is read
// here as `unknown` and narrowed.

/** One paragraph of the body: its text, its style id and, for a Word list item, its numbering. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  styleId: string | null;
  /** `kind`: the numbered block its list format stands for, when the format says so. */
  numbering: { level: number; ordered: boolean; kind: NumberedKind | null } | null;
}

/** One table of the body, as the text of each cell's paragraphs, row by row. */
export interface TableBlock {
  kind: 'table';
  rows: string[][][];
  /** The style id of the first paragraph in the table, which names a Selaras export's table. */
  styleId: string | null;
}

/** A top-level block of a .docx body. */
export type DocxBlock = ParagraphBlock | TableBlock;

type Tree = Record<string, unknown>;

/**
 * Reads the top-level paragraphs and tables of a .docx with mammoth. `listKinds` gives the
 * kind of each numbered paragraph in document order (docxNumbering.ts); it is used only when
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
    const cells = children(node).map((row) =>
      children(row).map((cell) => cellParagraphs(cell, kinds)),
    );
    const first = cells.flat(2)[0];
    return [
      {
        kind: 'table',
        rows: cells.map((row) => row.map((cell) => cell.map((p) => p.text))),
        styleId: first?.styleId ?? null,
      },
    ];
  }
  // Content controls and similar wrappers hold ordinary paragraphs.
  return children(node).flatMap((child) => blockOf(child, kinds));
}

function cellParagraphs(cell: Tree, kinds: Kinds): ParagraphBlock[] {
  return children(cell)
    .flatMap((child) => blockOf(child, kinds))
    .flatMap((inner) =>
      inner.kind === 'paragraph' ? [inner] : inner.rows.flat(2).map((text) => plain(text)),
    );
}

function plain(text: string): ParagraphBlock {
  return { kind: 'paragraph', text, styleId: null, numbering: null };
}

function paragraph(node: Tree, kinds: Kinds): ParagraphBlock {
  return {
    kind: 'paragraph',
    text: textOf(node).trim(),
    styleId: typeof node.styleId === 'string' ? node.styleId : null,
    numbering: numberingOf(node.numbering, kinds.get(node) ?? null),
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

function textOf(node: Tree): string {
  switch (node.type) {
    case 'text':
      return typeof node.value === 'string' ? node.value : '';
    // A tab or a line break inside a paragraph separates words; the paragraph stays one line
    // of the plain form. A page break separates nothing.
    case 'tab':
      return ' ';
    case 'break':
      return node.breakType === 'line' ? ' ' : '';
    case 'noteReference':
    case 'commentReference':
    case 'image':
      return '';
    default:
      return children(node).map(textOf).join('');
  }
}

function children(node: unknown): Tree[] {
  if (!isTree(node) || !Array.isArray(node.children)) return [];
  return node.children.filter(isTree);
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null;
}
