import type { Node } from 'prosemirror-model';
import { buildClauseNode, extractClauses, newClauseId } from './clauses';
import {
  blockLines,
  isNumberedKind,
  LABEL_PATTERNS,
  labelKindOf,
  printLine,
  siblingNumbers,
} from './numbering';
import { paragraphOf } from './structure';
import { LAMPIRAN, lampiranLines } from './lampiran';
import { rujukanIndex } from './rujukan';
import { inlineText } from './rujukanText';
import { resolveTypedReferences, type ResolvedReferences } from './rujukanParse';
import { schema } from './schema';

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
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface DraftClause {
  heading: string | null;
  paragraphs: string[];
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
  return resolveTypedReferences(parseStructure(text, makeId));
}

function parseStructure(text: string, makeId: () => string): Node {
  const lines = plainLines(text);
  const firstPasal = lines.findIndex((line) => PASAL_LINE.test(line));
  const front = firstPasal === -1 ? lines : lines.slice(0, firstPasal);
  const blocks: Node[] = frontMatter(front, makeId);

  for (const draft of draftClauses(firstPasal === -1 ? [] : lines.slice(firstPasal))) {
    blocks.push(
      buildClauseNode(
        {
          id: makeId(),
          heading: draft.heading ?? '',
          // A clause with no paragraph line still needs one (empty) paragraph.
          text: draft.paragraphs.join('\n'),
        },
        makeId,
      ),
    );
  }

  if (blocks.length === 0) blocks.push(schema.nodes.preamble.create());
  return schema.nodes.doc.create(null, blocks);
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

function plainLines(text: string): string[] {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function frontMatter(lines: string[], makeId: () => string): Node[] {
  const titleCount = lines.findIndex((line) => !isTitleLine(line));
  const split = titleCount === -1 ? lines.length : titleCount;
  return [
    ...lines.slice(0, split).map((line) => schema.nodes.title.create(null, schema.text(line))),
    ...lines.slice(split).map((line) => frontBlock(line, makeId)),
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

function draftClauses(lines: string[]): DraftClause[] {
  const drafts: DraftClause[] = [];
  for (const line of lines) {
    const current = drafts.at(-1);
    // A Pasal line always opens a clause, even where a heading was expected: a forgotten
    // heading should not swallow the next Pasal. The caller starts `lines` at a Pasal line.
    if (current === undefined || PASAL_LINE.test(line)) {
      drafts.push({ heading: null, paragraphs: [] });
    } else if (current.heading === null) {
      current.heading = line;
    } else {
      current.paragraphs.push(line);
    }
  }
  return drafts;
}
