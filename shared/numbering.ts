import type { Node } from 'prosemirror-model';

/**
 * Numbering of a naskah's structure, as UU 12/2011 Lampiran II lays it down: a Pasal is
 * divided into ayat `(1)`, `(2)`…; "pembagian rincian (dengan urutan makin kecil) ditulis dengan
 * huruf abjad kecil yang diikuti dengan tanda baca titik; angka Arab diikuti dengan tanda baca
 * titik; abjad kecil dengan tanda baca kurung tutup; angka Arab dengan tanda baca kurung tutup",
 * and "pembagian rincian tidak melebihi 4 (empat) tingkat". Numbers are derived from position,
 * never stored; the editor, the API, the diff and the exports all call these functions.
 */

/** The kinds of numbered block, outermost first: the ayat, then the four list levels. */
export const NUMBERED_KINDS = ['ayat', 'huruf', 'angka', 'huruf_kurung', 'angka_kurung'] as const;

/** A kind of numbered block (also its node name in the schema). */
export type NumberedKind = (typeof NUMBERED_KINDS)[number];

/** Whether a node name is that of a numbered block. */
export function isNumberedKind(name: string): name is NumberedKind {
  return (NUMBERED_KINDS as readonly string[]).includes(name);
}

/** The list levels in order: `a.` → `1.` → `a)` → `1)` (Lampiran II, at most four). */
export const LIST_LEVELS: readonly NumberedKind[] = [
  'huruf',
  'angka',
  'huruf_kurung',
  'angka_kurung',
];

/**
 * The letters of the n-th item (from 1): `a` … `z`, then `aa`, `ab` … as a spreadsheet counts,
 * so a long list never repeats a letter.
 */
export function letterOf(n: number): string {
  let rest = n;
  let letters = '';
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(97 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** The printed number of the n-th block (from 1) of a kind: `(n)`, `a.`, `n.`, `a)`, `n)`. */
export function numberLabel(kind: NumberedKind, n: number): string {
  switch (kind) {
    case 'ayat':
      return `(${n})`;
    case 'huruf':
      return `${letterOf(n)}.`;
    case 'angka':
      return `${n}.`;
    case 'huruf_kurung':
      return `${letterOf(n)})`;
    case 'angka_kurung':
      return `${n})`;
  }
}

/** What a printed number may look like at the start of a line, for parsing and for stripping. */
export const LABEL_PATTERNS: Record<NumberedKind, RegExp> = {
  ayat: /^\((\d{1,3})\)\s+/,
  huruf: /^([a-z]{1,2})\.\s+/,
  angka: /^(\d{1,3})\.\s+/,
  huruf_kurung: /^([a-z]{1,2})\)\s+/,
  angka_kurung: /^(\d{1,3})\)\s+/,
};

/** The kind of number a line starts with, or null (`(1) …` ayat, `a. …` huruf, and so on). */
export function labelKindOf(line: string): NumberedKind | null {
  for (const kind of NUMBERED_KINDS) if (LABEL_PATTERNS[kind].test(line)) return kind;
  return null;
}

/** The line without its leading printed number (the number-free text the diff compares). */
export function stripLabel(line: string): string {
  const kind = labelKindOf(line);
  return kind ? line.replace(LABEL_PATTERNS[kind], '') : line;
}

/**
 * The numbers of a block's numbered children, in order (null for a child that is not
 * numbered). Ayat count through their Pasal; list items count through a run of consecutive
 * items of their level, so a second list after a paragraph starts again at `a.`.
 */
export function childNumbers(parent: Node): (string | null)[] {
  const children: Node[] = [];
  parent.forEach((child) => children.push(child));
  return siblingNumbers(children);
}

/** The numbers of a row of sibling blocks, by the rules of `childNumbers`. */
export function siblingNumbers(siblings: readonly Node[]): (string | null)[] {
  let ayat = 0;
  let run = 0;
  let previous: string | null = null;
  return siblings.map((child) => {
    const name = child.type.name;
    const current = previous;
    previous = name;
    if (!isNumberedKind(name)) return null;
    if (name === 'ayat') return numberLabel('ayat', ++ayat);
    run = current === name ? run + 1 : 1;
    return numberLabel(name, run);
  });
}

/** One printed line of a block's text: its number (when it opens a numbered block), depth and words. */
export interface NumberedLine {
  label: string | null;
  /** 0 for the Pasal's own paragraphs, 1 inside an ayat or first-level item, and so on. */
  depth: number;
  kind: NumberedKind | null;
  text: string;
  /** The id of the numbered block the line belongs to, if any. */
  blockId: string | null;
}

/** Turns a paragraph into its words; `blockId` is the numbered block holding it (null: the Pasal). */
export type ParagraphText = (paragraph: Node, blockId: string | null) => string;

/**
 * The lines a block's content prints as, in document order: every paragraph one line, the
 * first paragraph of a numbered block prefixed by its number, nested blocks after their
 * parent's text. `textOf` turns a paragraph into its words (references render there).
 */
export function numberedLines(
  parent: Node,
  textOf: ParagraphText = (p) => p.textContent,
): NumberedLine[] {
  return contentLines(parent, null, 0, textOf);
}

function contentLines(
  parent: Node,
  label: string | null,
  depth: number,
  textOf: ParagraphText,
): NumberedLine[] {
  const lines: NumberedLine[] = [];
  const labels = childNumbers(parent);
  const kind = isNumberedKind(parent.type.name) ? parent.type.name : null;
  let first = true;
  parent.forEach((child, _offset, index) => {
    if (child.type.name === 'paragraph') {
      lines.push({
        label: first ? label : null,
        depth,
        kind,
        text: textOf(child, kind ? String(parent.attrs.id) : null),
        blockId: kind ? String(parent.attrs.id) : null,
      });
      first = false;
    } else if (isNumberedKind(child.type.name)) {
      lines.push(...contentLines(child, labels[index], depth + 1, textOf));
    }
  });
  return lines;
}

/** The lines of one numbered block standing among blocks (e.g. a consideration in the pembukaan). */
export function blockLines(
  block: Node,
  label: string | null,
  textOf: ParagraphText = (p) => p.textContent,
): NumberedLine[] {
  return contentLines(block, label, 1, textOf);
}

/** A printed line as text: its number and one space before the words. */
export function printLine(line: NumberedLine): string {
  return line.label ? `${line.label} ${line.text}` : line.text;
}
