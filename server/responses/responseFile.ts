import { DOCX_PROPERTY, TRACKED_CHANGE_AUTHOR } from '../exports/docxIdentity';
import { readWordBody, type WordBody } from '../word/body';
import { standsAloneIn, type WordParagraph } from '../word/paragraph';
import { readDocxContainer, type DocxParts } from '../word/container';
import { listLabels, readWordLists } from '../word/numbering';
import { readCustomProperties, readWordComments, type WordComment } from '../word/parts';

// A .docx a party sent back, read into what the matching needs: where the file came from, its
// paragraphs in two views (before and with the tracked changes), and its Word comments. This
// runs off the main thread (exports/offThreadJobs.ts) on the strict container reader, so its
// result is plain data. An import taking a draft's changes as proposals builds the same from
// the parts and the body it has already read (server/imports/docx.ts), so the file is read once.

/** A paragraph of the response, with Word's generated list numbers written out. */
export type ResponseParagraph = Omit<WordParagraph, 'numbering'>;

/** A Word comment: who wrote it, what it says, and where it is anchored. */
export interface ResponseComment extends WordComment {
  /** The index of the paragraph it is anchored in, or null when it is anchored nowhere. */
  paragraph: number | null;
  /** The words its range spans, as far as they were read. */
  quote: string;
}

/** What an uploaded response holds. */
export interface ResponseFile {
  /** The document and revision a Selaras export records, or null for a file made elsewhere. */
  documentId: string | null;
  revision: number | null;
  paragraphs: ResponseParagraph[];
  comments: ResponseComment[];
}

/** Where a Selaras export records the document it came from (exports/docxIdentity.ts). */
export const CUSTOM_PROPERTIES = 'docProps/custom.xml';
const text = (parts: DocxParts, name: string) => parts.get(name)?.toString('utf8');

/** Reads an uploaded .docx; 400/413 for a bad file (see server/word/container.ts). */
export function readResponseFile(buffer: Buffer): ResponseFile {
  const parts = readDocxContainer(buffer);
  // A tracked-changes export's own changes are part of the revision's text (docxIdentity.ts).
  const accepted = readCustomProperties(text(parts, CUSTOM_PROPERTIES)).has(
    DOCX_PROPERTY.changesSince,
  )
    ? TRACKED_CHANGE_AUTHOR
    : undefined;
  const body = readWordBody(text(parts, 'word/document.xml') ?? '', { acceptedAuthor: accepted });
  return responseFileOf(parts, body);
}

/** What a response holds, from a .docx's checked parts and its body as read. */
export function responseFileOf(parts: DocxParts, body: WordBody): ResponseFile {
  const properties = readCustomProperties(text(parts, CUSTOM_PROPERTIES));
  const lists = readWordLists(text(parts, 'word/numbering.xml'), text(parts, 'word/styles.xml'));
  const before = listLabels(body.paragraphs, lists, (p) => standsAloneIn(p, 'original'));
  const after = listLabels(body.paragraphs, lists, (p) => standsAloneIn(p, 'proposed'));
  const paragraphs = body.paragraphs.map(({ numbering: _, ...paragraph }, i) => ({
    ...paragraph,
    original: withLabel(before[i], paragraph.original),
    proposed: withLabel(after[i], paragraph.proposed),
  }));
  const comments = readWordComments(text(parts, 'word/comments.xml')).map((comment) => {
    const anchor = body.anchors.get(comment.id);
    return { ...comment, paragraph: anchor?.paragraph ?? null, quote: anchor?.quote ?? '' };
  });
  const documentId = properties.get(DOCX_PROPERTY.document)?.trim() || null;
  const revision = Number.parseInt(properties.get(DOCX_PROPERTY.revision) ?? '', 10);
  return {
    documentId,
    revision: Number.isSafeInteger(revision) && revision > 0 ? revision : null,
    paragraphs,
    comments,
  };
}

/** Word separates a list number from the text by a tab, as the exports do. */
const withLabel = (label: string | null, words: string) =>
  label === null || words.trim() === '' ? words : `${label}\t${words}`;
