import type { Node } from 'prosemirror-model';

// Every size limit of the text, in one place, so a draft typed into `POST /api/documents`, a
// .docx import and an accepted usulan redaksi are held to the same bounds, and so the exports
// and the importer never face a text larger than the one the API accepts. SECURITY.md
// ("Limits") lists each one and what a caller gets past it.

/** The most characters a document's text may hold (REST, import, after accepting a proposal). */
export const MAX_TEXT_CHARS = 500_000;

/** The most lines (title lines, preamble, headings and paragraphs) a document may hold. */
export const MAX_TEXT_LINES = 10_000;

/** The most Pasal a document may hold; a real nota kesepakatan has a few dozen. */
export const MAX_CLAUSES = 500;

/** The most paragraphs one Pasal may hold, and so one usulan redaksi. */
export const MAX_CLAUSE_LINES = 500;

/** The most characters of an usulan redaksi's text. */
export const MAX_PROPOSAL_CHARS = 50_000;

/** The largest .docx accepted for import, in bytes. */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

/** The most bytes all entries of an imported .docx may inflate to together. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024;

/** The most bytes `word/document.xml` of an imported .docx may inflate to. */
export const MAX_DOCX_XML_BYTES = 8 * 1024 * 1024;

/** The most XML elements `word/document.xml` may hold (a 100-page draft has about 100,000). */
export const MAX_DOCX_XML_ELEMENTS = 400_000;

/** The most paragraphs (`<w:p>`) `word/document.xml` may hold. */
export const MAX_DOCX_PARAGRAPHS = 20_000;

/** The most entries an imported .docx may hold; real documents have a few dozen. */
export const MAX_DOCX_ENTRIES = 1000;

/** The longest run of characters without a break the PDF lays out before breaking it. */
export const MAX_UNBROKEN_CHARS = 60;

/** How long one export or import may take off the main thread before it is stopped, in ms. */
export const OFF_THREAD_TIMEOUT_MS = 20_000;

/** The heap one export or import may use off the main thread, in MiB. */
export const OFF_THREAD_HEAP_MB = 384;

/** How many exports and imports run at once; more wait in line. */
export const OFF_THREAD_CONCURRENCY = 2;

/** How many exports and imports may wait in line before the server answers 503. */
export const OFF_THREAD_QUEUE = 8;

/** The size of a text in the measures the limits count. */
export interface TextMeasure {
  chars: number;
  lines: number;
  clauses: number;
  /** The paragraphs of the longest Pasal. */
  clauseLines: number;
}

const PASAL_LINE = /^\s*pasal\s+\d+\s*$/i;

/** Measures a draft in the plain form (CONTRACT.md, "Documents") without parsing it. */
export function measurePlainText(text: string): TextMeasure {
  const measure: TextMeasure = { chars: text.length, lines: 0, clauses: 0, clauseLines: 0 };
  let inClause = -1;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    measure.lines += 1;
    if (PASAL_LINE.test(line)) {
      measure.clauses += 1;
      inClause = 0;
    } else if (inClause >= 0) {
      inClause += 1;
      // The first line after `Pasal N` is its heading, not a paragraph.
      measure.clauseLines = Math.max(measure.clauseLines, inClause - 1);
    }
  }
  return measure;
}

/** Measures a document: its text, its blocks and its Pasal. */
export function measureDoc(doc: Node): TextMeasure {
  const measure: TextMeasure = { chars: 0, lines: 0, clauses: 0, clauseLines: 0 };
  doc.forEach((block) => {
    measure.chars += block.textContent.length;
    if (block.type.name !== 'clause') {
      // A Lampiran's table may hold many rows: each of its paragraphs counts as a line.
      measure.lines += block.type.name === 'lampiran' ? textblocksIn(block) : 1;
      return;
    }
    measure.clauses += 1;
    measure.lines += block.childCount;
    measure.clauseLines = Math.max(measure.clauseLines, block.childCount - 1);
  });
  return measure;
}

function textblocksIn(block: Node): number {
  let count = 0;
  block.descendants((node) => {
    if (node.isTextblock) count += 1;
    return !node.isTextblock;
  });
  return count;
}

/** Names, in Bahasa Indonesia, the first limit a measured text exceeds, or null when none. */
export function textLimitProblem(measure: TextMeasure): string | null {
  const format = (n: number) => n.toLocaleString('id-ID');
  if (measure.chars > MAX_TEXT_CHARS)
    return `Naskah melebihi batas ${format(MAX_TEXT_CHARS)} karakter.`;
  if (measure.lines > MAX_TEXT_LINES)
    return `Naskah melebihi batas ${format(MAX_TEXT_LINES)} baris.`;
  if (measure.clauses > MAX_CLAUSES) return `Naskah melebihi batas ${format(MAX_CLAUSES)} Pasal.`;
  if (measure.clauseLines > MAX_CLAUSE_LINES)
    return `Satu Pasal melebihi batas ${format(MAX_CLAUSE_LINES)} paragraf.`;
  return null;
}
