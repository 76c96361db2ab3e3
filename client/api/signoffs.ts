import { request } from './http';
import type { Decision, Signoff } from './types';

const base = (id: string) => `/api/documents/${encodeURIComponent(id)}`;

/** One sign-off entry per participating agency. */
export function listSignoffs(documentId: string): Promise<Signoff[]> {
  return request('GET', `${base(documentId)}/signoffs`);
}

/** Records the caller's agency's decision on a revision (it must be the latest). */
export function recordSignoff(
  documentId: string,
  revision: number,
  decision: Decision,
  note?: string,
): Promise<unknown> {
  return request('POST', `${base(documentId)}/revisions/${revision}/signoffs`, {
    decision,
    ...(note ? { note } : {}),
  });
}

/** Approves a revision as the head of a party agency. */
export function approveRevision(documentId: string, revision: number): Promise<unknown> {
  return request('POST', `${base(documentId)}/approve`, { revision });
}
