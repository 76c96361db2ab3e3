import * as Y from 'yjs';
import type { Db } from '../db';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { DocumentRow } from '../documents/queries';
import type { TextAccess } from '../documents/access';
import { readDocument } from '../documents/text';
import type { EventHub } from '../events/hub';
import { conflict, forbidden, notFound } from '../errors';
import { policy } from '../policies/policies';
import { extractClauses, type Clause } from '../../shared/clauses';
import { diffClauses, summarizeDiff, type ClauseChange } from '../../shared/clauseDiff';
import * as q from './queries';

/** What a revision service call needs from the server. */
export interface RevisionDeps {
  db: Db;
  texts: TextAccess;
  events: EventHub;
}

/** Freezes the live text as the next revision, with its summary against the previous one. */
export async function cutRevision(
  deps: RevisionDeps,
  actor: Actor,
  doc: DocumentRow,
  label?: string,
) {
  if (!policy.cutRevision(actor))
    throw forbidden('Hanya perancang (drafter) yang dapat membuat revisi.');
  const state = await deps.texts.state(doc.id);
  const clauses = extractClauses(stateToDoc(state));
  const number = await deps.db.transaction(async (tx) => {
    const locked = await q.lockDocument(tx, doc.id);
    if (locked?.status !== 'drafting')
      throw conflict('Dokumen sudah final: revisi baru tidak dapat dibuat.');
    const next = (await q.latestNumber(tx, doc.id)) + 1;
    const previous = next > 1 ? (await q.findRevision(tx, doc.id, next - 1))!.clauses : [];
    const summary = summarizeDiff(diffClauses(previous, clauses));
    await q.insertRevision(tx, {
      documentId: doc.id,
      number: next,
      label: label || null,
      createdBy: actor.id,
      state,
      clauses,
      summary,
    });
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'revision.created',
      data: { number: next, label: label || null, summary },
    });
    return next;
  });
  const row = (await q.findRevision(deps.db, doc.id, number))!;
  deps.events.publish({
    type: 'revision.created',
    documentId: doc.id,
    data: { number, label: row.label, summary: row.summary },
  });
  return row;
}

/** The ProseMirror document held by a Yjs state. */
export function stateToDoc(state: Uint8Array) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  const doc = readDocument(ydoc);
  ydoc.destroy();
  return doc;
}

/** One revision; 404 when it does not exist. */
export async function getRevision(db: Db, documentId: string, number: number) {
  const row = await q.findRevision(db, documentId, number);
  if (!row) throw notFound('Revisi');
  return row;
}

/** The clause diff between revision `from` (0: the empty document) and revision `to`. */
export async function diffRevisions(
  db: Db,
  documentId: string,
  to: number,
  from: number,
): Promise<{ from: number; to: number; clauses: ClauseChange[] }> {
  const after = (await getRevision(db, documentId, to)).clauses;
  const before: Clause[] = from === 0 ? [] : (await getRevision(db, documentId, from)).clauses;
  return { from, to, clauses: diffClauses(before, after) };
}

export { listRevisions, latestNumber } from './queries';
