// The inbox as the API presents it (CONTRACT.md, "Inbox"): one type for the server, the
// client and the tests.

/** The kinds of inbox items, as the contract names them. */
export type InboxKind = 'signoff_needed' | 'proposal_pending' | 'mention' | 'approval_ready';

/** Something waiting on a user, as `GET /api/inbox` presents it. */
export interface InboxItem {
  kind: InboxKind;
  documentId: string;
  /** The document's title, so a list or an e-mail can name it. */
  title: string;
  clauseId?: string;
  commentId?: string;
  revision?: number;
  at: string;
  /** signoff_needed: the agency's status now (`pending`, `stale` or an older `changes_requested`). */
  status?: string;
  /** signoff_needed when stale: the clauses changed since the agency approved. */
  changedClauses?: string[];
  /** How the item's clause, or each changed clause, is named: `Pasal 3`, `Pembukaan`, ... */
  clauseLabel?: string;
  changedLabels?: string[];
  /** mention and proposal_pending: the start of the comment. */
  excerpt?: string;
}
