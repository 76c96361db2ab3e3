import { request } from './http';
import type { Approvals, Concern, Concerns, Decision, Signoff, SignoffMatrix } from './types';

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

/** The party heads' approvals of the final revision, else of the latest. */
export function listApprovals(documentId: string): Promise<Approvals> {
  return request('GET', `${base(documentId)}/approvals`);
}

/**
 * Approves a revision as the head of a party agency, re-entering the password; `textHash` is the
 * hash of the text the head was shown, so a different text is refused.
 */
export function approveRevision(
  documentId: string,
  revision: number,
  confirm: { password: string; textHash?: string },
): Promise<unknown> {
  return request('POST', `${base(documentId)}/approve`, { revision, ...confirm });
}

/** Withdraws the caller's agency's approval of the latest revision (until the document is final). */
export function withdrawApproval(documentId: string): Promise<unknown> {
  return request('DELETE', `${base(documentId)}/approve`);
}

/** The clause × agency matrix of the latest revision. */
export function getSignoffMatrix(documentId: string): Promise<SignoffMatrix> {
  return request('GET', `${base(documentId)}/signoffs/matrix`);
}

/** Which clauses each participating agency's sign-off covers. */
export function getConcerns(documentId: string): Promise<Concerns> {
  return request('GET', `${base(documentId)}/concerns`);
}

/** Sets the clauses an agency's sign-off covers (drafters). */
export function setConcern(
  documentId: string,
  agencyCode: string,
  clauses: Concern,
): Promise<{ agency: string; clauses: Concern }> {
  return request('PUT', `${base(documentId)}/concerns/${encodeURIComponent(agencyCode)}`, {
    clauses,
  });
}
