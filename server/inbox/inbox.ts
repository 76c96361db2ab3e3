import type { Db } from '../db';
import type { Actor } from '../accounts/present';
import { findDocument, listDocuments, type DocumentRow } from '../documents/queries';
import { listVisibleDocuments } from '../documents/documents';
import { notFound } from '../errors';
import { authorize } from '../policies/policies';
import { participantsOf, signoffStatuses } from '../signoffs/signoffs';
import type { Signoff } from '../../shared/apiTypes';
import { findMentions } from '../../shared/mentions';
import { PART_HEADINGS, PEMBUKAAN, PENUTUP } from '../../shared/naskah';
import { itemsFor, type DocumentFacts, type InboxItem } from './items';
import * as q from './queries';

export type { InboxItem, InboxKind } from './items';

/**
 * Loads what the inbox rules read about some documents, in a few queries for all of them; the
 * sign-off statuses are computed per drafting document with a revision.
 */
export async function loadFacts(db: Db, docs: readonly DocumentRow[]): Promise<DocumentFacts[]> {
  const ids = docs.map((d) => d.id);
  const [comments, latestRevisions] = await Promise.all([
    q.openComments(db, ids),
    q.latestRevisions(db, ids),
  ]);
  const reviewed = docs.filter((d) => d.status === 'drafting' && (d.latest_revision ?? 0) > 0);
  const approvals = await q.approvedAgencies(
    db,
    reviewed.map((d) => ({ documentId: d.id, revision: d.latest_revision! })),
  );
  const statuses = await statusesOf(db, reviewed);
  return docs.map((doc) => {
    const participants = participantsOf(doc);
    const latest = latestRevisions.get(doc.id);
    const numbers = new Map(latest?.clauses.map((c) => [c.id, c.number]));
    return {
      doc,
      latest: doc.latest_revision ?? 0,
      latestAt: latest?.createdAt ?? null,
      labelOf: (clauseId: string) => clauseLabel(clauseId, numbers.get(clauseId)),
      statuses: statuses.get(doc.id) ?? [],
      approvedBy: approvals.get(doc.id) ?? new Set<string>(),
      comments: comments
        .filter((c) => c.document_id === doc.id)
        .map((c) => ({ ...c, mentions: findMentions(c.body, participants) })),
    };
  });
}

/** The most documents whose sign-off statuses are kept between requests. */
const STATUS_CACHE_SIZE = 2_000;
const statusCache = new Map<string, { fingerprint: string; statuses: Signoff[] }>();

/**
 * The sign-off statuses of some documents. Computing them reads every revision of a document, so
 * they are kept while the document's fingerprint (revisions, decisions, concerns, read from the
 * database each time, so other instances' changes count) stays the same.
 */
async function statusesOf(db: Db, docs: readonly DocumentRow[]) {
  const fingerprints = await q.statusFingerprints(
    db,
    docs.map((d) => d.id),
  );
  const result = new Map<string, Signoff[]>();
  for (const doc of docs) {
    const fingerprint = fingerprints.get(doc.id) ?? '';
    let entry = statusCache.get(doc.id);
    if (entry?.fingerprint !== fingerprint) {
      entry = { fingerprint, statuses: await signoffStatuses(db, doc) };
      statusCache.delete(doc.id);
      statusCache.set(doc.id, entry);
      if (statusCache.size > STATUS_CACHE_SIZE)
        statusCache.delete(statusCache.keys().next().value!);
    }
    result.set(doc.id, entry.statuses);
  }
  return result;
}

/** How a message names a clause: `Pasal 3`, `Pembukaan`, `Penutup`, or `Pasal baru` before a revision holds it. */
function clauseLabel(clauseId: string, number: number | undefined): string {
  if (clauseId === PEMBUKAAN) return PART_HEADINGS.pembukaan;
  if (clauseId === PENUTUP) return PART_HEADINGS.penutup;
  return number === undefined ? 'Pasal baru' : `Pasal ${number}`;
}

/** The open items of a user, given the facts of (at least) the documents it may see. */
export async function itemsOf(
  db: Db,
  user: Actor,
  facts: readonly DocumentFacts[],
): Promise<InboxItem[]> {
  const mentioned = facts.flatMap((f) =>
    f.comments.filter((c) => c.mentions.includes(user.agency.code)).map((c) => c.id),
  );
  return itemsFor(user, facts, await q.readMentions(db, user.id, mentioned));
}

/** `GET /api/inbox`: the caller's open items, newest first. */
export async function inboxOf(db: Db, actor: Actor): Promise<InboxItem[]> {
  return itemsOf(db, actor, await loadFacts(db, await listVisibleDocuments(db, actor)));
}

/** Every document, for the mailer, which works out every user's inbox in one pass. */
export const allDocuments = (db: Db) => listDocuments(db, null);

/**
 * Marks a mention as read by the caller, so it leaves its inbox; 404 unless the comment is on a
 * document the caller sees.
 */
export async function readMention(db: Db, actor: Actor, documentId: string, commentId: string) {
  const doc = await findDocument(db, documentId);
  if (!doc) throw notFound('Dokumen');
  authorize(actor, 'document.see', doc);
  if (!(await q.commentExists(db, documentId, commentId))) throw notFound('Komentar');
  await q.insertMentionRead(db, actor.id, commentId);
}
