import { readDocxContainer } from '../imports/docxContainer';
import { DOCX_PROPERTY, TRACKED_CHANGE_AUTHOR } from '../exports/docxIdentity';
import { readWordBody, type WordParagraph } from './wordBody';
import { listLabels, readWordLists } from './wordNumbering';
import { W_NS, xmlEvents } from './wordXml';

// A .docx a party sent back, read into what the matching needs: where the file came from, its
// paragraphs in two views (before and with the tracked changes), and its Word comments. This
// runs off the main thread (exports/offThreadJobs.ts) on the strict container reader, so its
// result is plain data.

/** A paragraph of the response, with Word's generated list numbers written out. */
export type ResponseParagraph = Omit<WordParagraph, 'numbering'>;

/** A Word comment: who wrote it, what it says, and where it is anchored. */
export interface ResponseComment {
  id: string;
  author: string;
  text: string;
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

const CUSTOM_PROPERTIES = 'docProps/custom.xml';
const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)?.toString('utf8');

/** Reads an uploaded .docx; 400/413 for a bad file (see docxContainer.ts). */
export function readResponseFile(buffer: Buffer): ResponseFile {
  const parts = readDocxContainer(buffer);
  const properties = readCustomProperties(text(parts, CUSTOM_PROPERTIES));
  // A tracked-changes export's own changes are part of the revision's text (docxIdentity.ts).
  const accepted = properties.has(DOCX_PROPERTY.changesSince) ? TRACKED_CHANGE_AUTHOR : undefined;
  const body = readWordBody(text(parts, 'word/document.xml') ?? '', accepted);
  const lists = readWordLists(text(parts, 'word/numbering.xml'), text(parts, 'word/styles.xml'));
  const before = listLabels(body.paragraphs, lists, (p) => !p.markInserted);
  const after = listLabels(body.paragraphs, lists, (p) => !p.markDeleted);
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

/** The custom document properties (docProps/custom.xml): name → text value. */
export function readCustomProperties(xml: string | undefined): Map<string, string> {
  const properties = new Map<string, string>();
  if (!xml) return properties;
  let name: string | null = null;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'open' && event.name.local === 'property')
      name = event.attrs.get('name') ?? null;
    else if (event.type === 'close' && event.name.local === 'property') name = null;
    else if (event.type === 'text' && name !== null)
      properties.set(name, (properties.get(name) ?? '') + event.text);
  }
  return properties;
}

/** The comments of word/comments.xml, each with its author and its paragraphs joined by "\n". */
export function readWordComments(
  xml: string | undefined,
): Omit<ResponseComment, 'paragraph' | 'quote'>[] {
  const comments: Omit<ResponseComment, 'paragraph' | 'quote'>[] = [];
  if (!xml) return comments;
  let current: { id: string; author: string; lines: string[] } | null = null;
  let inText = false;
  let deleted = 0;
  for (const event of xmlEvents(xml)) {
    if (event.type === 'text') {
      if (current && inText && deleted === 0) current.lines[current.lines.length - 1] += event.text;
      continue;
    }
    if (event.name.ns !== W_NS) continue;
    const local = event.name.local;
    const opening = event.type === 'open';
    const container = event.type === 'close' || !event.selfClosing;
    if (local === 'comment' && opening) {
      const attr = (key: string) => event.attrs.get(key) ?? '';
      current = { id: attr('id'), author: attr('author'), lines: [''] };
    } else if (local === 'comment' && current) {
      const text = current.lines
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
      comments.push({ id: current.id, author: current.author.trim(), text });
      current = null;
    } else if (local === 'p' && opening && current) current.lines.push('');
    else if (local === 't') inText = opening && container;
    else if (local === 'del' && container) deleted += opening ? 1 : -1;
  }
  return comments;
}
