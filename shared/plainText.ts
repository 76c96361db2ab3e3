import { Fragment, Mark, type Node, type NodeType } from 'prosemirror-model';
import { buildClauseNode, extractClauses, newClauseId } from './clauses';
import {
  blockLines,
  isNumberedKind,
  LABEL_PATTERNS,
  labelKindOf,
  printLine,
  siblingNumbers,
} from './numbering';
import { paragraphOf, parseClauseLines } from './structure';
import { LAMPIRAN, lampiranLines } from './lampiran';
import { rujukanIndex } from './rujukan';
import { inlineText } from './rujukanText';
import { resolveTypedReferences, type ResolvedReferences } from './rujukanParse';
import { schema, type MarkName } from './schema';

// The plain form (CONTRACT.md, "Documents"): a line `Pasal N` starts a clause, the next
// non-empty line is its heading, each further non-empty line is a paragraph; lines before
// the first Pasal are the title and the preamble.

const PASAL_LINE = /^pasal\s+\d+$/i;
const NOMOR_LINE = /^nomor\b/i;
const LOWER_CASE = /\p{Ll}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// C0 and C1 controls except tab and newline, and the byte-order mark wherever it appears.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/g;
const CONTROL_CHAR = new RegExp(CONTROL_CHARS.source);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface DraftClause {
  heading: PlainLine | null;
  paragraphs: PlainLine[];
}

/** An inline mark over characters `[from, to)` of a line of the plain form. */
export interface MarkRange {
  from: number;
  to: number;
  mark: MarkName;
}

/**
 * A line of the plain form with the marks of its words: pasted text has none, a line read from
 * a Word draft carries its bold and italic runs (server/imports/docx.ts).
 */
export interface PlainLine {
  text: string;
  marks?: readonly MarkRange[];
}

/**
 * Parses a draft in the plain form into a document; every clause gets a fresh id, and a typed
 * reference to a Pasal, ayat or item of the same text becomes a `rujukan` (shared/rujukanParse.ts).
 */
export function parsePlainText(text: string, makeId: () => string = newClauseId): Node {
  return parsePlainTextWithReferences(text, makeId).doc;
}

/** Parses the plain form as `parsePlainText` does, listing the typed references left as text. */
export function parsePlainTextWithReferences(
  text: string,
  makeId: () => string = newClauseId,
): ResolvedReferences {
  return parsePlainLines(splitLines(text), makeId);
}

/**
 * Parses lines of the plain form, each with the marks of its words, by the same rules as
 * `parsePlainText`: the lines of a Word draft become the same structure as typed ones, and a
 * word marked bold or italic keeps its mark wherever its line lands.
 */
export function parsePlainLines(
  lines: readonly PlainLine[],
  makeId: () => string = newClauseId,
): ResolvedReferences {
  return resolveTypedReferences(parseStructure(lines.map(cleanLine), makeId));
}

function parseStructure(cleaned: PlainLine[], makeId: () => string): Node {
  const lines = cleaned.filter((line) => line.text !== '');
  const firstPasal = lines.findIndex((line) => PASAL_LINE.test(line.text));
  const front = firstPasal === -1 ? lines : lines.slice(0, firstPasal);
  const blocks: Node[] = frontMatter(front, makeId);

  for (const draft of draftClauses(firstPasal === -1 ? [] : lines.slice(firstPasal))) {
    const clause = buildClauseNode(
      {
        id: makeId(),
        heading: draft.heading?.text ?? '',
        // A clause with no paragraph line still needs one (empty) paragraph.
        text: draft.paragraphs.map((line) => line.text).join('\n'),
      },
      makeId,
    );
    // Its textblocks stand in the order of its lines: the heading, then one per line.
    const paragraphs = draft.paragraphs.length > 0 ? draft.paragraphs : [null];
    blocks.push(withLineMarks(clause, [draft.heading, ...paragraphs]));
  }

  if (blocks.length === 0) blocks.push(schema.nodes.preamble.create());
  return schema.nodes.doc.create(null, blocks);
}

/** A part of a Lampiran's body as read: a run of lines, or a table of cells of lines. */
export type LampiranPart =
  | { kind: 'lines'; lines: readonly PlainLine[] }
  | { kind: 'table'; rows: readonly { header: boolean; cells: readonly PlainLine[][] }[] };

/**
 * Builds a Lampiran from its heading lines and its body, by the rules of the plain form: a run
 * of lines is laid out as a Pasal's is, except that lists start at `a.` and an ayat number has
 * no place (it stays text); a table keeps its rows and cells, each line of a cell a paragraph,
 * a heading row as `table_header` cells, every row as wide as the widest. Marks land on their
 * words as everywhere else.
 */
export function parseLampiran(
  headings: readonly PlainLine[],
  parts: readonly LampiranPart[],
  makeId: () => string = newClauseId,
): Node {
  const { lampiran, lampiran_heading, table, table_row, table_cell, table_header } = schema.nodes;
  const kept = (lines: readonly PlainLine[]) =>
    lines.map(cleanLine).filter((line) => line.text !== '');
  // The line each textblock is made of, in document order, for the marks.
  const sources: (PlainLine | null)[] = [];
  const headingLines = kept(headings);
  const children: Node[] = (headingLines.length > 0 ? headingLines : [{ text: '' }]).map((line) => {
    sources.push(line);
    return lampiran_heading.create(null, line.text === '' ? null : schema.text(line.text));
  });
  for (const part of parts) {
    if (part.kind === 'lines') {
      const lines = kept(part.lines);
      if (lines.length === 0) continue;
      sources.push(...lines);
      children.push(
        ...parseClauseLines(
          lines.map((line) => line.text),
          () => makeId(),
          true,
        ),
      );
      continue;
    }
    const width = Math.max(1, ...part.rows.map((row) => row.cells.length));
    const rows = part.rows.map((row) => {
      const type = row.header ? table_header : table_cell;
      const cells = Array.from({ length: width }, (_, i) => {
        const lines = kept(row.cells[i] ?? []);
        sources.push(...(lines.length > 0 ? lines : [null]));
        return type.create(
          null,
          lines.length > 0 ? lines.map((line) => paragraphOf(line.text)) : paragraphOf(''),
        );
      });
      return table_row.create({ id: makeId() }, cells);
    });
    if (rows.length > 0) children.push(table.create({ id: makeId() }, rows));
  }
  return withLineMarks(lampiran.create({ id: makeId() }, children), sources);
}

/**
 * Writes a document in the plain form: one line per block, each clause as `Pasal N`, its
 * heading and its printed lines, numbers included, so parsing it back gives the same structure.
 */
export function toPlainText(doc: Node): string {
  const lines: string[] = [];
  let clauseNumber = 0;
  const blocks: Node[] = [];
  doc.forEach((block) => blocks.push(block));
  const numbers = siblingNumbers(blocks);
  // References print as their labels, derived from the whole document.
  const index = rujukanIndex(doc);
  const textOf = (inline: Node, blockId: string | null) => inlineText(inline, index, blockId);
  blocks.forEach((block, i) => {
    if (block.type !== schema.nodes.clause) {
      if (isNumberedKind(block.type.name))
        lines.push(...blockLines(block, numbers[i], textOf).map(printLine));
      else if (block.type.name === LAMPIRAN)
        lines.push(...lampiranLines(block, (p) => textOf(p, null)));
      else lines.push(textOf(block, null));
      return;
    }
    clauseNumber += 1;
    // A blank line before each Pasal keeps the text readable; the parser skips it.
    if (lines.length > 0) lines.push('');
    lines.push(`Pasal ${clauseNumber}`);
    const [clause] = extractClauses(doc.type.create(null, block), index);
    lines.push(clause.heading, ...clause.text.split('\n'));
  });
  return `${lines.join('\n')}\n`;
}

/** Returns the document's title as one readable line (its title lines without `Nomor`), or ''. */
export function documentTitleOf(doc: Node): string {
  const parts: string[] = [];
  doc.forEach((block) => {
    if (block.type !== schema.nodes.title) return;
    const line = block.textContent.replace(/\s+/g, ' ').trim();
    if (line !== '' && !NOMOR_LINE.test(line)) parts.push(line);
  });
  return parts.join(' ');
}

/** Tells whether a line before the first Pasal reads as a title line rather than preamble. */
export function isTitleLine(line: string): boolean {
  return NOMOR_LINE.test(line) || (LETTER_OR_DIGIT.test(line) && !LOWER_CASE.test(line));
}

function splitLines(text: string): PlainLine[] {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n')
    .map((line) => ({ text: line }));
}

/**
 * A line without control characters, with lone surrogates replaced and its ends trimmed; its
 * marks follow the characters they cover.
 */
function cleanLine(line: PlainLine): PlainLine {
  const cleaned = line.text.replace(/[\r\n\u2028\u2029]/g, ' ').replace(LONE_SURROGATE, '\uFFFD');
  if (!line.marks?.length) return { text: cleaned.replace(CONTROL_CHARS, '').trim() };
  // Where each character of the line ends up once control characters and the ends are gone.
  const kept: number[] = [];
  let text = '';
  for (let i = 0; i < cleaned.length; i++) {
    kept.push(text.length);
    if (!CONTROL_CHAR.test(cleaned[i])) text += cleaned[i];
  }
  kept.push(text.length);
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const at = (i: number) =>
    Math.min(Math.max(kept[Math.min(i, kept.length - 1)] - lead, 0), trimmed.length);
  const marks = line.marks
    .map((m) => ({ ...m, from: at(m.from), to: at(m.to) }))
    .filter((m) => m.from < m.to);
  return { text: trimmed, marks };
}

/**
 * A block built from lines with each line's marks laid on its textblock: `lines` holds, for
 * each textblock of the block in order, the line it was made of (null: made of none). A
 * textblock holds its line without the number (`(1) `, `a. `), so the marks move by the
 * number's length; one whose words are not its line's (or a block that does not match its
 * lines) keeps no marks rather than wrong ones.
 */
function withLineMarks(block: Node, lines: readonly (PlainLine | null)[]): Node {
  if (!lines.some((line) => line?.marks?.length)) return block;
  let textblocks = 0;
  block.descendants((node) => {
    if (node.isTextblock) textblocks += 1;
    return !node.isTextblock;
  });
  if (block.isTextblock) textblocks = 1;
  if (textblocks !== lines.length) return block;
  let next = 0;
  const mark = (node: Node): Node => {
    if (!node.isTextblock) {
      const children: Node[] = [];
      node.forEach((child) => children.push(mark(child)));
      return node.copy(Fragment.fromArray(children));
    }
    const line = lines[next++];
    const words = node.textContent;
    if (!line?.marks?.length || !line.text.endsWith(words) || node.childCount > 1) return node;
    const shift = line.text.length - words.length;
    const marks = line.marks.map((m) => ({ ...m, from: m.from - shift, to: m.to - shift }));
    return node.copy(Fragment.fromArray(markedText(words, marks, node.type)));
  };
  return mark(block);
}

/** Text nodes of `text` with the marks of `ranges` (clipped to it) that `parent` allows. */
export function markedText(
  text: string,
  ranges: readonly MarkRange[],
  parent: NodeType = schema.nodes.paragraph,
): Node[] {
  if (text === '') return [];
  const cuts = new Set([0, text.length]);
  for (const { from, to } of ranges) {
    cuts.add(Math.min(Math.max(from, 0), text.length));
    cuts.add(Math.min(Math.max(to, 0), text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: Node[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const marks = Mark.setFrom(
      ranges
        .filter((r) => r.from <= from && r.to >= to)
        .map((r) => schema.marks[r.mark])
        .filter((type) => parent.allowsMarkType(type))
        .map((type) => type.create()),
    );
    const last = nodes.at(-1);
    if (last && Mark.sameSet(last.marks, marks))
      nodes[nodes.length - 1] = schema.text(last.text! + text.slice(from, to), marks);
    else nodes.push(schema.text(text.slice(from, to), marks));
  }
  return nodes;
}

function frontMatter(lines: PlainLine[], makeId: () => string): Node[] {
  const titleCount = lines.findIndex((line) => !isTitleLine(line.text));
  const split = titleCount === -1 ? lines.length : titleCount;
  return [
    ...lines
      .slice(0, split)
      .map((line) =>
        withLineMarks(schema.nodes.title.create(null, schema.text(line.text)), [line]),
      ),
    ...lines.slice(split).map((line) => withLineMarks(frontBlock(line.text, makeId), [line])),
  ];
}

/**
 * A line of the pembukaan after the title: a consideration `a. bahwa …` becomes a `huruf`, a
 * komparisi entry `1. …` an `angka`, anything else a preamble paragraph.
 */
function frontBlock(line: string, makeId: () => string): Node {
  const kind = labelKindOf(line);
  if (kind === 'huruf' || kind === 'angka') {
    const text = line.replace(LABEL_PATTERNS[kind], '');
    return schema.nodes[kind].create({ id: makeId() }, paragraphOf(text));
  }
  return schema.nodes.preamble.create(null, schema.text(line));
}

function draftClauses(lines: PlainLine[]): DraftClause[] {
  const drafts: DraftClause[] = [];
  for (const line of lines) {
    const current = drafts.at(-1);
    // A Pasal line always opens a clause, even where a heading was expected: a forgotten
    // heading should not swallow the next Pasal. The caller starts `lines` at a Pasal line.
    if (current === undefined || PASAL_LINE.test(line.text)) {
      drafts.push({ heading: null, paragraphs: [] });
    } else if (current.heading === null) {
      current.heading = line;
    } else {
      current.paragraphs.push(line);
    }
  }
  return drafts;
}
