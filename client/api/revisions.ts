import { request } from './http';
import type { ReferenceProblem, Revision, RevisionDiff } from './types';

const base = (id: string) => `/api/documents/${encodeURIComponent(id)}/revisions`;

/** Lists a document's revisions, oldest first. */
export function listRevisions(documentId: string): Promise<Revision[]> {
  return request('GET', base(documentId));
}

/** One revision with its frozen text. */
export function getRevision(documentId: string, number: number): Promise<Revision> {
  return request('GET', `${base(documentId)}/${number}`);
}

/** Cuts a revision of the live text. */
export function createRevision(
  documentId: string,
  label?: string,
): Promise<Revision & { referenceProblems?: ReferenceProblem[] }> {
  return request('POST', base(documentId), label ? { label } : {});
}

/** The clause diff from revision `from` (0: empty document) to revision `to`. */
export function diffRevisions(documentId: string, to: number, from: number): Promise<RevisionDiff> {
  return request('GET', `${base(documentId)}/${to}/diff?from=${from}`);
}
