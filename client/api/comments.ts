import { request } from './http';
import type { Comment, Proposal } from './types';

const base = (id: string) => `/api/documents/${encodeURIComponent(id)}/comments`;

/** The input of a new comment or reply. */
export interface NewComment {
  clauseId: string;
  body: string;
  parentId?: string;
  proposal?: Proposal;
  /** A range of words in one paragraph (Yjs relative positions, base64). */
  anchor?: { start: string; end: string };
}

/** Lists a document's comments. */
export function listComments(documentId: string): Promise<Comment[]> {
  return request('GET', base(documentId));
}

/** Posts a comment, a reply or an usulan redaksi. */
export function createComment(documentId: string, input: NewComment): Promise<Comment> {
  return request('POST', base(documentId), input);
}

/** Marks a comment resolved. */
export function resolveComment(documentId: string, commentId: string): Promise<unknown> {
  return request('POST', `${base(documentId)}/${encodeURIComponent(commentId)}/resolve`);
}

/** Applies a comment's proposal to the live text (drafters). */
export function acceptProposal(documentId: string, commentId: string): Promise<unknown> {
  return request('POST', `${base(documentId)}/${encodeURIComponent(commentId)}/accept`);
}
