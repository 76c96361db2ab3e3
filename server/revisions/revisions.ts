import * as Y from 'yjs';
import type { Db, Queryable } from '../db';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { DocumentRow } from '../documents/queries';
import type { TextAccess } from '../documents/access';
import { readDocument } from '../documents/text';
import type { EventHub } from '../events/hub';
import { conflict, notFound } from '../errors';
import { authorize } from '../policies/policies';
import { canonicalText } from '../../shared/canonicalText';
import type { RevisionDiff } from '../../shared/apiTypes';
import { diffNaskah, summarizeDiff } from '../../shared/clauseDiff';
import { emptyNaskah, extractNaskah, type Naskah } from '../../shared/naskah';
import * as q from './queries';

/** What a revision service call needs from the server. */
export interface RevisionDeps {
  db: Db;
  texts: TextAccess;
  events: EventHub;
}

/** A revision with its whole naskah and printed text, whichever code cut it. */
export interface Revision extends Omit<
  q.RevisionRow,
  'pembukaan' | 'penutup' | 'printed_text' | 'legacy_state'
> {
  naskah: Naskah;
  printedText: string;
}

// How often a cut reads the live text again when a revision numbered before it holds text its
// read has not seen yet; each retry follows another cut's commit, so concurrent cuts settle in
// a few. The last attempt takes the text as read: a revision holding an update the live text
// lost (an instance that died before storing it) must not block every later cut.
const MAX_CUT_ATTEMPTS = 20;

/** Thrown inside the cut's transaction when its read of the live text is older than the last revision. */
class OlderThanLatest extends Error {}

/**
 * Freezes the live text as the next revision, with its summary against the previous one.
 * Numbers follow the order of the text: under the lock that assigns the number, the text read
 * must hold everything the previous revision holds, else the cut reads the live text again.
 */
export async function cutRevision(
  deps: RevisionDeps,
  actor: Actor,
  doc: DocumentRow,
  label?: string,
) {
  authorize(actor, 'revision.cut');
  for (let attempt = 1; attempt <= MAX_CUT_ATTEMPTS; attempt += 1) {
    // The live text is read outside the transaction: reading it may itself need the database,
    // which the embedded engine cannot serve while this transaction holds its only connection.
    const state = await deps.texts.state(doc.id);
    try {
      const mustContainPrevious = attempt < MAX_CUT_ATTEMPTS;
      const number = await deps.db.transaction((tx) =>
        insertNextRevision(tx, actor, doc, { state, mustContainPrevious }, label || null),
      );
      const row = await getRevision(deps.db, doc.id, number);
      deps.events.publish({
        type: 'revision.created',
        documentId: doc.id,
        data: { number, label: row.label, summary: row.summary },
      });
      return row;
    } catch (error) {
      if (!(error instanceof OlderThanLatest)) throw error;
    }
  }
  throw new Error('unreachable: the last attempt does not retry');
}

async function insertNextRevision(
  tx: Queryable,
  actor: Actor,
  doc: DocumentRow,
  read: { state: Uint8Array; mustContainPrevious: boolean },
  label: string | null,
): Promise<number> {
  const { state } = read;
  const locked = await q.lockDocument(tx, doc.id);
  if (locked?.status !== 'drafting')
    throw conflict('Dokumen sudah final: revisi baru tidak dapat dibuat.');
  const next = (await q.latestNumber(tx, doc.id)) + 1;
  if (read.mustContainPrevious && next > 1) {
    const previousState = await q.revisionState(tx, doc.id, next - 1);
    if (previousState && !stateContains(state, previousState)) throw new OlderThanLatest();
  }
  const naskah = extractNaskah(stateToDoc(state));
  const previous = next > 1 ? (await findRevisionIn(tx, doc.id, next - 1))!.naskah : emptyNaskah();
  const summary = summarizeDiff(diffNaskah(previous, naskah));
  await q.insertRevision(tx, {
    documentId: doc.id,
    number: next,
    label,
    createdBy: actor.id,
    state,
    clauses: naskah.clauses,
    pembukaan: naskah.pembukaan,
    penutup: naskah.penutup,
    printedText: canonicalText(naskah),
    summary,
  });
  await recordEvent(tx, documentStream(doc.id), {
    actorId: actor.id,
    kind: 'revision.created',
    data: { number: next, label, summary },
  });
  return next;
}

/**
 * Whether the Yjs state `later` holds everything `earlier` holds, its insertions and its
 * deletions: applying `earlier` on top of it changes nothing.
 */
export function stateContains(later: Uint8Array, earlier: Uint8Array): boolean {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, later);
  let grew = false;
  ydoc.on('update', () => {
    grew = true;
  });
  Y.applyUpdate(ydoc, earlier);
  ydoc.destroy();
  return !grew;
}

/** The ProseMirror document held by a Yjs state. */
export function stateToDoc(state: Uint8Array) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  const doc = readDocument(ydoc);
  ydoc.destroy();
  return doc;
}

/**
 * Completes a stored row: a revision cut before the whole naskah was stored takes its
 * pembukaan and penutup from its frozen Yjs state, and prints them around its stored Pasal.
 */
export function revisionOf(row: q.RevisionRow): Revision {
  const { pembukaan, penutup, printed_text, legacy_state, ...rest } = row;
  const derived =
    (pembukaan === null || penutup === null) && legacy_state
      ? extractNaskah(stateToDoc(legacy_state))
      : emptyNaskah();
  const naskah: Naskah = {
    pembukaan: pembukaan ?? derived.pembukaan,
    clauses: row.clauses,
    penutup: penutup ?? derived.penutup,
  };
  return { ...rest, naskah, printedText: printed_text ?? canonicalText(naskah) };
}

async function findRevisionIn(db: Queryable, documentId: string, number: number) {
  const row = await q.findRevision(db, documentId, number);
  return row && revisionOf(row);
}

/** One revision; 404 when it does not exist. */
export async function getRevision(db: Queryable, documentId: string, number: number) {
  const revision = await findRevisionIn(db, documentId, number);
  if (!revision) throw notFound('Revisi');
  return revision;
}

/** Every revision of a document, oldest first. */
export async function listRevisions(db: Queryable, documentId: string): Promise<Revision[]> {
  return (await q.listRevisions(db, documentId)).map(revisionOf);
}

/**
 * The diff between revision `from` (0: the empty document) and revision `to`: the pembukaan,
 * every Pasal by identity, the penutup.
 */
export async function diffRevisions(
  db: Db,
  documentId: string,
  to: number,
  from: number,
): Promise<RevisionDiff> {
  const after = (await getRevision(db, documentId, to)).naskah;
  const before = from === 0 ? emptyNaskah() : (await getRevision(db, documentId, from)).naskah;
  return { from, to, clauses: diffNaskah(before, after) };
}

export { latestNumber } from './queries';
