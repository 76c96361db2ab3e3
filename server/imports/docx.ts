import { Fragment, type Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
import { markedText, parsePlainLines } from '../../shared/plainText';
import { schema } from '../../shared/schema';
import { measureDoc, measurePlainText, textLimitProblem } from '../../shared/limits';
import { conflict, invalidInput, tooLarge } from '../errors';
import { DOCX_STYLE } from '../exports/docxStyles';
import { DOCX_PROPERTY } from '../exports/docxIdentity';
import { CUSTOM_PROPERTIES, responseFileOf, type ResponseFile } from '../responses/responseFile';
import { readWordBody, type WordBody } from '../word/body';
import { standsAloneIn, type WordParagraph } from '../word/paragraph';
import { readDocxContainer, storedZip, type DocxParts } from '../word/container';
import { listKinds, readWordLists } from '../word/numbering';
import { readCustomProperties } from '../word/parts';
import { readDocxBlocks } from './docxBlocks';
import { MammothBody } from './docxBody';
import {
  TRACKED_CHANGES,
  type ChangesMode,
  type ImportLoss,
  type LossKind,
} from '../../shared/importResult';
import { lampiranNodes, splitLampiran } from './docxLampiran';
import { bodyLines, isTail, numberListItems, PASAL_LINE, type Line } from './docxLines';
import { BodyLosses, inventoryDocx, lossList } from './docxLosses';

export { MAX_DOCX_BYTES } from '../word/container';
export type { ChangesMode, ImportLoss } from '../../shared/importResult';

// A .docx draft is read into the plain form (CONTRACT.md, "Documents") and parsed by
// parsePlainLines, so Word drafts and pasted text follow one set of rules. What only a Word
// file has is handled here and in the docx*.ts modules beside it: list numbering Word
// generates instead of typed text (docxLines.ts), the closing, signature block and paraf table
// that follow the last Pasal, the Lampiran after them (docxLampiran.ts), and what the naskah
// cannot keep (docxLosses.ts).

// The set phrases that close a nota kesepakatan: kept, as `closing` nodes.
const CLOSING_LINE = /^(demikian\b|(dibuat|ditandatangani)\s+di\b)/i;
const DOCUMENT_XML = 'word/document.xml';

/** A Word draft read: the naskah, what it lost, and the tracked changes and comments it held. */
export interface DocxImport {
  doc: Node;
  losses: ImportLoss[];
  trackedChanges: number;
  comments: number;
  /** The Selaras document the file was exported from (its custom property), or null. */
  exportedFrom: string | null;
  /** With `changes=proposals`: the file as a response reads it, from the same reading. */
  response?: ResponseFile;
}

/**
 * Reads a .docx draft into a document (`parseDocx`) with the list of what it could not keep.
 * A draft still holding tracked changes or comments is refused (409) unless `changes` says how
 * to take it: `original` reads the file as it was before its changes (insertions dropped,
 * deletions kept) and leaves its comments out; `proposals` reads the same text and leaves the
 * changes and comments to be filed as proposals (server/responses). Nothing is ever flattened
 * silently.
 */
export async function readDocx(
  buffer: Buffer,
  options: { changes?: ChangesMode | null } = {},
): Promise<DocxImport> {
  // mammoth reads only parts this module has checked and counted, never the upload itself.
  const parts = readDocxContainer(buffer);
  // Either way the naskah is the text before the changes; the body is walked once for its
  // paragraphs, its rewrite for mammoth and its losses.
  const read = readBody(parts, options.changes != null);
  const inventory = inventoryDocx(parts, read.body, read.losses);
  const { trackedChanges, comments } = inventory;
  if ((trackedChanges > 0 || comments > 0) && !options.changes) {
    throw conflict(
      `Berkas masih memuat ${trackedChanges} perubahan terlacak dan ${comments} komentar. ` +
        'Terima atau tolak perubahannya di Word, atau pilih cara mengambilnya ' +
        '(changes=original atau changes=proposals).',
      { code: TRACKED_CHANGES, trackedChanges, comments },
    );
  }
  const blocks = await readDocxBlocks(storedZip(read.prepared), read.listKinds);
  const { main, lampiran } = splitLampiran(blocks);
  const lines = numberListItems(bodyLines(main));
  const { body, closing } = splitTail(lines);
  // Measured before parsing, so an oversized draft costs no document tree.
  const early = textLimitProblem(measurePlainText(body.map((line) => line.text).join('\n')));
  if (early) throw tooLarge(early);
  const { doc } = parsePlainLines(body);
  if (extractClauses(doc).length === 0) {
    throw invalidInput(
      'Tidak ditemukan Pasal dalam berkas: setiap pasal harus diawali paragraf tersendiri "Pasal N".',
    );
  }
  const closingNodes = closing.map((line) =>
    schema.nodes.closing.create(null, markedText(line.text, line.marks, schema.nodes.closing)),
  );
  const appendix = lampiranNodes(lampiran);
  const imported = doc.copy(
    doc.content.append(Fragment.from([...closingNodes, ...appendix.nodes])),
  );
  // The same bounds as a draft sent as text (shared/limits.ts).
  const problem = textLimitProblem(measureDoc(imported));
  if (problem) throw tooLarge(problem);
  const kept = [...body, ...closing, ...appendix.lines];
  const counts: Partial<Record<LossKind, number>> = {
    ...inventory.losses,
    formatting: kept.filter((line) => line.otherFormatting).length,
    table: new Set(kept.flatMap((line) => (line.table === undefined ? [] : [line.table]))).size,
    // Filed as proposals and comments, they are not lost.
    ...(options.changes === 'proposals' ? {} : { tracked_changes: trackedChanges, comments }),
  };
  const exportedFrom =
    readCustomProperties(parts.get(CUSTOM_PROPERTIES)?.toString('utf8'))
      .get(DOCX_PROPERTY.document)
      ?.trim() || null;
  return {
    doc: imported,
    losses: lossList(counts),
    trackedChanges,
    comments,
    exportedFrom,
    ...(options.changes === 'proposals' ? { response: responseFileOf(parts, read.body) } : {}),
  };
}

/** Reads a .docx draft into a document: title and preamble, one clause per `Pasal N`, closing. */
export async function parseDocx(
  buffer: Buffer,
  options: { changes?: ChangesMode | null } = {},
): Promise<Node> {
  return (await readDocx(buffer, options)).doc;
}

/** One walk of the body: its paragraphs, its losses, and the parts as mammoth should read them. */
function readBody(
  parts: DocxParts,
  original: boolean,
): { body: WordBody; losses: BodyLosses; prepared: DocxParts; listKinds: ListKinds } {
  const xml = parts.get(DOCUMENT_XML)?.toString('utf8') ?? '';
  const rewrite = new MammothBody(xml, original ? 'original' : null);
  const losses = new BodyLosses();
  // The import takes the text as the file has it: no change is anyone's own (docxIdentity.ts).
  const body = readWordBody(xml, { observers: [rewrite, losses] });
  const prepared = new Map(parts);
  if (parts.has(DOCUMENT_XML)) prepared.set(DOCUMENT_XML, Buffer.from(rewrite.result()));
  const numbering = parts.get('word/numbering.xml')?.toString('utf8');
  // The paragraphs mammoth reads: those the original view keeps apart (a rejected paragraph
  // mark joins two), outside the rows it leaves out. (A file still holding changes is read in
  // the original view or refused.)
  const kept = (p: WordParagraph) => standsAloneIn(p, 'original') && !p.rowInserted;
  const kinds =
    numbering && parts.has(DOCUMENT_XML)
      ? listKinds(body.paragraphs, readWordLists(numbering), kept)
      : null;
  return { body, losses, prepared, listKinds: kinds };
}

type ListKinds = Parameters<typeof readDocxBlocks>[1];

/** Splits the body's lines from the closing lines and drops a signature block or paraf table. */
function splitTail(lines: Line[]): { body: Line[]; closing: Line[] } {
  const lastPasal = lines.findLastIndex((line) => PASAL_LINE.test(line.text));
  const body: Line[] = [];
  const closing: Line[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.text === '') continue;
    const afterLastPasal = lastPasal !== -1 && index > lastPasal + 1;
    if (afterLastPasal && isTail(line)) break;
    const isClosing =
      afterLastPasal &&
      (closing.length > 0 || line.styleId === DOCX_STYLE.closing || CLOSING_LINE.test(line.text));
    (isClosing ? closing : body).push(line);
  }
  return { body, closing };
}
