import { Fragment, type Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
import { parsePlainText } from '../../shared/plainText';
import { schema } from '../../shared/schema';
import { measureDoc, measurePlainText, textLimitProblem } from '../../shared/limits';
import { invalidInput, tooLarge } from '../errors';
import { DOCX_STYLE } from '../exports/docxStyles';
import {
  LIST_LEVELS,
  NUMBERED_KINDS,
  numberLabel,
  type NumberedKind,
} from '../../shared/numbering';
import { readDocxContainer, storedZip } from './docxContainer';
import { readDocxBlocks, type DocxBlock, type ParagraphBlock } from './docxBlocks';
import { listKinds } from './docxNumbering';

export { MAX_DOCX_BYTES } from './docxContainer';

// A .docx draft is read into the plain form (CONTRACT.md, "Documents") and parsed by
// parsePlainText, so Word drafts and pasted text follow one set of rules. What only a Word
// file has is handled here: list numbering Word generates instead of typed text, and the
// closing, signature block and paraf table that follow the last Pasal.

// The plain form's clause line (shared/plainText.ts); here only to find the last Pasal.
const PASAL_LINE = /^pasal\s+\d+$/i;
// The set phrases that close a nota kesepakatan: kept, as `closing` nodes.
const CLOSING_LINE = /^(demikian\b|(dibuat|ditandatangani)\s+di\b)/i;
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

/** Reads a .docx draft into a document: title and preamble, one clause per `Pasal N`, closing. */
export async function parseDocx(buffer: Buffer): Promise<Node> {
  // mammoth reads only parts this module has checked and counted, never the upload itself.
  const parts = readDocxContainer(buffer);
  const blocks = numberListItems(await readDocxBlocks(storedZip(parts), listKinds(parts)));
  const { body, closing } = splitTail(blocks);
  const plain = body.join('\n');
  // Measured before parsing, so an oversized draft costs no document tree.
  const early = textLimitProblem(measurePlainText(plain));
  if (early) throw tooLarge(early);
  const doc = parsePlainText(plain);
  if (extractClauses(doc).length === 0) {
    throw invalidInput(
      'Tidak ditemukan Pasal dalam berkas: setiap pasal harus diawali paragraf tersendiri "Pasal N".',
    );
  }
  const closingNodes = closing.map((text) => schema.nodes.closing.create(null, schema.text(text)));
  const imported = doc.copy(doc.content.append(Fragment.from(closingNodes)));
  // The same bounds as a draft sent as text (shared/limits.ts).
  const problem = textLimitProblem(measureDoc(imported));
  if (problem) throw tooLarge(problem);
  return imported;
}

/** Splits the body's lines from the closing lines and drops a signature block or paraf table. */
function splitTail(blocks: ParagraphBlock[]): { body: string[]; closing: string[] } {
  const lastPasal = blocks.findLastIndex((block) => PASAL_LINE.test(block.text));
  const body: string[] = [];
  const closing: string[] = [];
  for (const [index, block] of blocks.entries()) {
    if (block.text === '') continue;
    const afterLastPasal = lastPasal !== -1 && index > lastPasal + 1;
    if (afterLastPasal && isTail(block)) break;
    const isClosing =
      afterLastPasal &&
      (closing.length > 0 || block.styleId === DOCX_STYLE.closing || CLOSING_LINE.test(block.text));
    (isClosing ? closing : body).push(block.text);
  }
  return { body, closing };
}

function isTail(block: ParagraphBlock): boolean {
  if (block.styleId !== null && TAIL_STYLES.has(block.styleId)) return true;
  return SIGNATURE_LINES.some((pattern) => pattern.test(block.text));
}

/**
 * Flattens tables into paragraphs and writes out the numbers Word generates for list items,
 * so parsePlainText turns them into ayat and list items like typed ones. A list whose format
 * is one of Lampiran II's keeps it (`(1)` an ayat, `a.` a huruf, `1.` an angka, `a)`, `1)`);
 * otherwise the level decides, as Indonesian legal drafting nests: a top-level item is an
 * ayat `(1)`, unless it follows a lead-in ending in ":" (then it is a huruf `a.`), and each
 * level further in is the next list level (`a.`, `1.`, `a)`, `1)`).
 */
function numberListItems(blocks: DocxBlock[]): ParagraphBlock[] {
  const paragraphs = blocks.flatMap(flattenTable);
  const counts = new Map<NumberedKind, number>();
  let inTopLevelItems = false;
  let previous = '';
  return paragraphs.map((paragraph) => {
    let text = paragraph.text;
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
      text = `${numberLabel(kind, n)} ${text}`;
    }
    previous = text;
    return { ...paragraph, text };
  });
}

function flattenTable(block: DocxBlock): ParagraphBlock[] {
  if (block.kind === 'paragraph') return [block];
  // A table's cells become lines in reading order; a table made by a Selaras export keeps its
  // style id on its first line so the tail is still recognised.
  return block.rows.flat(2).map((text, index) => ({
    kind: 'paragraph',
    text,
    styleId: index === 0 ? block.styleId : null,
    numbering: null,
  }));
}
