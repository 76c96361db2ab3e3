import type { Actor } from '../accounts/present';
import type { DocumentRow } from '../documents/queries';
import { may } from '../policies/policies';
import type { Signoff } from '../../shared/apiTypes';
import type { OpenCommentRow } from './queries';
import type { InboxItem } from '../../shared/inbox';

export type { InboxItem, InboxKind } from '../../shared/inbox';

/** Everything the inbox rules read about one document, loaded once for every user. */
export interface DocumentFacts {
  doc: DocumentRow;
  /** The latest revision (0: none yet) and when it was cut. */
  latest: number;
  latestAt: Date | null;
  /** How messages name a clause of the document (`Pasal 3`, `Pembukaan`, ...). */
  labelOf(clauseId: string): string;
  /** Sign-off statuses against the latest revision; empty once final or before any revision. */
  statuses: Signoff[];
  /** The party agencies whose head approved the latest revision. */
  approvedBy: ReadonlySet<string>;
  /** Open comments with the participating agencies each names. */
  comments: (OpenCommentRow & { mentions: string[] })[];
}

/** How long an excerpt of a comment may be. */
const EXCERPT_CHARS = 140;

const excerptOf = (body: string) =>
  body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS - 1)}…` : body;

/**
 * A stable key of an item: the same thing waiting on the same user always has the same key, so
 * the mailer mails it once. A new revision makes a new sign-off item.
 */
export function itemKey(item: InboxItem): string {
  return [item.kind, item.documentId, item.commentId ?? '', item.revision ?? ''].join(':');
}

/** Whether an agency still owes its paraf on the latest revision, and why. */
function signoffOwed(entry: Signoff, latest: number) {
  if (entry.status === 'pending' || entry.status === 'stale') return true;
  // Changes requested on an older revision: the new revision answers them and awaits a decision.
  return entry.status === 'changes_requested' && (entry.revision ?? 0) < latest;
}

/** The sign-off and approval items of one document for a user. */
function reviewItems(user: Actor, f: DocumentFacts): InboxItem[] {
  if (f.doc.status !== 'drafting' || f.latest === 0) return [];
  const base = { documentId: f.doc.id, title: f.doc.title, revision: f.latest };
  const items: InboxItem[] = [];
  const own = f.statuses.find((s) => s.agency.code === user.agency.code);
  if (own && may(user, 'signoff.record', f.doc) && signoffOwed(own, f.latest)) {
    items.push({
      kind: 'signoff_needed',
      ...base,
      clauseId: own.status === 'stale' ? own.changedClauses[0] : undefined,
      clauseLabel: own.status === 'stale' ? f.labelOf(own.changedClauses[0]) : undefined,
      at: (f.latestAt ?? f.doc.created_at).toISOString(),
      status: own.status,
      changedClauses: own.status === 'stale' ? own.changedClauses : undefined,
      changedLabels: own.status === 'stale' ? own.changedClauses.map(f.labelOf) : undefined,
    });
  }
  const allApproved = f.statuses.length > 0 && f.statuses.every((s) => s.status === 'approved');
  if (allApproved && may(user, 'document.approve', f.doc) && !f.approvedBy.has(user.agency.code)) {
    const at = f.statuses
      .map((s) => s.at ?? '')
      .sort()
      .at(-1)!;
    items.push({ kind: 'approval_ready', ...base, at });
  }
  return items;
}

/** The proposal and mention items of one document for a user. */
function commentItems(user: Actor, f: DocumentFacts, readMentions: ReadonlySet<string>) {
  const items: InboxItem[] = [];
  for (const c of f.comments) {
    const base = {
      documentId: f.doc.id,
      title: f.doc.title,
      clauseId: c.clause_id,
      clauseLabel: f.labelOf(c.clause_id),
      commentId: c.id,
      at: c.created_at.toISOString(),
      excerpt: excerptOf(c.body),
    };
    if (c.has_proposal && f.doc.status === 'drafting' && may(user, 'proposal.accept'))
      items.push({ kind: 'proposal_pending', ...base });
    if (c.mentions.includes(user.agency.code) && c.author_id !== user.id && !readMentions.has(c.id))
      items.push({ kind: 'mention', ...base });
  }
  return items;
}

/** Every open item of a user across the documents it may see, newest first. */
export function itemsFor(
  user: Actor,
  facts: readonly DocumentFacts[],
  readMentions: ReadonlySet<string>,
): InboxItem[] {
  return facts
    .filter((f) => may(user, 'document.see', f.doc))
    .flatMap((f) => [...reviewItems(user, f), ...commentItems(user, f, readMentions)])
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : itemKey(a) < itemKey(b) ? -1 : 1));
}
