import { request, upload, type UploadProgress } from './http';
import type { ClauseView, DocumentView } from './types';
import type { ChangesMode, ImportLoss } from '../../shared/importResult';

/** The input of a new document: template when `text` is absent, else the plain `Pasal N` form. */
export interface NewDocument {
  title: string;
  parties: string[];
  reviewers: string[];
  text?: string;
}

/** Lists the documents the caller may see. */
export function listDocuments(): Promise<DocumentView[]> {
  return request('GET', '/api/documents');
}

/** Reads one document. */
export function getDocument(id: string): Promise<DocumentView> {
  return request('GET', `/api/documents/${encodeURIComponent(id)}`);
}

/** Creates a document from the template or from pasted plain text. */
export function createDocument(input: NewDocument): Promise<DocumentView> {
  return request('POST', '/api/documents', input);
}

/** The largest .docx the server accepts (docs/api.md: 413 over 10 MiB). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

/** A document made from a .docx draft, with what the draft held that the naskah does not keep. */
export interface ImportedDocument extends DocumentView {
  losses: ImportLoss[];
  unresolvedReferences: { text: string; where: string }[];
  /** With `changes=proposals`: what the draft's changes and comments were filed as. */
  response?: {
    proposals: unknown[];
    comments: unknown[];
    unmatched: { kind: string; text: string; reason: string }[];
  };
}

/**
 * Creates a document from an uploaded .docx draft, reporting the upload's progress. `changes`
 * says how to take a draft that still holds tracked changes or comments (without it the server
 * refuses such a draft with a 409 whose details count them).
 */
export function importDocument(
  file: File,
  input: { title?: string; parties: string[]; reviewers: string[] },
  onProgress: (progress: UploadProgress) => void = () => {},
  changes: ChangesMode | null = null,
): Promise<ImportedDocument> {
  const form = new FormData();
  form.append('file', file);
  form.append('parties', input.parties.join(','));
  form.append('reviewers', input.reviewers.join(','));
  if (input.title) form.append('title', input.title);
  const query = changes ? `?changes=${encodeURIComponent(changes)}` : '';
  return upload(`/api/documents/import${query}`, form, onProgress);
}

/** The live clauses of a document. */
export function listClauses(id: string): Promise<ClauseView[]> {
  return request('GET', `/api/documents/${encodeURIComponent(id)}/clauses`);
}

/** The URL of an export of a revision (latest by default) as .docx or .pdf. */
export function exportUrl(id: string, format: 'docx' | 'pdf', revision?: number): string {
  const query = revision ? `?revision=${revision}` : '';
  return `/api/documents/${encodeURIComponent(id)}/export.${format}${query}`;
}

/** The URL of revision `revision`'s .docx with the changes since revision `since` as Word tracked changes. */
export function trackedExportUrl(id: string, revision: number, since: number): string {
  return `${exportUrl(id, 'docx', revision)}&changesSince=${since}`;
}
