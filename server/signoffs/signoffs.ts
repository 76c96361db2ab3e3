import type { Db, Queryable } from '../db';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { DocumentRow } from '../documents/queries';
import { extractClauses, type Clause } from '../../shared/clauses';
import type { EventHub } from '../events/hub';
import type { TextAccess } from '../documents/access';
import { conflict, forbidden, invalidInput, notFound } from '../errors';
import { policy } from '../policies/policies';
import { latestNumber, listRevisions } from '../revisions/queries';
import * as q from './queries';
import {
  agencyStatus,
  clauseCell,
  type CellStatus,
  type Concern,
  type SignoffStatus,
} from './status';

/** What the sign-off service needs from the server. */
export interface SignoffDeps {
  db: Db;
  texts: TextAccess;
  events: EventHub;
}

/** The participating agencies of a document, parties first, in their order. */
export const participantsOf = (doc: DocumentRow) => [...doc.parties, ...doc.reviewers];

/** Records the caller's agency's decision on the latest revision, replacing its earlier one. */
export async function recordSignoff(
  deps: SignoffDeps,
  actor: Actor,
  doc: DocumentRow,
  revision: number,
  input: { decision: 'approve' | 'changes_requested'; note?: string },
) {
  if (!policy.signOff(actor, doc))
    throw forbidden('Hanya penelaah atau pimpinan instansi peserta yang dapat memberi paraf.');
  await deps.db.transaction(async (tx) => {
    await lockDocumentOrConflict(tx, doc.id);
    const latest = await latestNumber(tx, doc.id);
    if (revision < 1 || revision > latest) throw notFound('Revisi');
    if (revision !== latest)
      throw conflict(`Hanya revisi terakhir (revisi ${latest}) yang dapat diparaf.`);
    const signoff = {
      documentId: doc.id,
      agencyCode: actor.agency.code,
      revision,
      decision: input.decision,
      note: input.note ?? null,
      userId: actor.id,
    };
    await q.insertSignoff(tx, signoff);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'signoff.recorded',
      data: {
        agency: actor.agency.code,
        revision,
        decision: input.decision,
        note: input.note ?? null,
      },
    });
  });
  deps.events.publish({
    type: 'signoff.recorded',
    documentId: doc.id,
    data: { agency: actor.agency.code, revision, decision: input.decision },
  });
  return {
    agency: actor.agency,
    revision,
    decision: input.decision,
    note: input.note ?? null,
    by: { id: actor.id, name: actor.name },
  };
}

async function lockDocumentOrConflict(tx: Queryable, documentId: string) {
  const { rows } = await tx.query<{ status: string }>(
    'SELECT status FROM documents WHERE id = $1 FOR UPDATE',
    [documentId],
  );
  if (rows[0]?.status !== 'drafting') throw conflict('Dokumen sudah final dan terkunci.');
}

/** Everything the status rules read for one document, loaded once, as of revision `asOf` (default: latest). */
async function loadState(db: Db, doc: DocumentRow, asOf?: number) {
  const revisions = (await listRevisions(db, doc.id)).filter(
    (r) => asOf === undefined || r.number <= asOf,
  );
  const clausesByRevision = new Map(revisions.map((r) => [r.number, r.clauses]));
  const decisions = new Map(
    (await q.latestDecisions(db, doc.id, asOf)).map((d) => [d.agency_code, d]),
  );
  const concernRows = await q.listConcerns(db, doc.id);
  const concernOf = (code: string): Concern => {
    const ids = concernRows.get(code);
    return ids ? new Set(ids) : 'all';
  };
  const latest = revisions.at(-1)?.number ?? 0;
  const clausesOf = (n: number): Clause[] => clausesByRevision.get(n) ?? [];
  return { latest, decisions, concernOf, clausesOf };
}

/** An agency's sign-off entry, as `GET .../signoffs` presents it. */
export interface SignoffEntry {
  agency: { code: string; name: string };
  status: SignoffStatus;
  revision: number | null;
  by: { id: string; name: string } | null;
  at: string | null;
  note: string | null;
  changedClauses: string[];
}

/** One entry per participating agency with its status against the latest revision (or revision `asOf`). */
export async function signoffStatuses(
  db: Db,
  doc: DocumentRow,
  asOf?: number,
): Promise<SignoffEntry[]> {
  const { latest, decisions, concernOf, clausesOf } = await loadState(db, doc, asOf);
  return participantsOf(doc).map((agency) => {
    const d = decisions.get(agency.code);
    const { status, changedClauses } = agencyStatus(d, concernOf(agency.code), clausesOf, latest);
    return {
      agency,
      status,
      revision: d?.revision ?? null,
      by: d ? { id: d.user_id, name: d.user_name } : null,
      at: d?.signed_at.toISOString() ?? null,
      note: d?.note ?? null,
      changedClauses,
    };
  });
}

/** The clause × agency matrix for the latest revision. */
export async function signoffMatrix(db: Db, doc: DocumentRow) {
  const { latest, decisions, concernOf, clausesOf } = await loadState(db, doc);
  const agencies = participantsOf(doc).map((a) => a.code);
  const approvedClauses = new Map(
    agencies.map((code) => {
      const d = decisions.get(code);
      return [code, d ? new Map(clausesOf(d.revision).map((c) => [c.id, c])) : undefined];
    }),
  );
  const clauses = clausesOf(latest).map((clause) => {
    const cells: Record<string, CellStatus> = {};
    for (const code of agencies) {
      cells[code] = clauseCell(
        clause,
        decisions.get(code),
        concernOf(code),
        approvedClauses.get(code),
      );
    }
    return { clauseId: clause.id, number: clause.number, heading: clause.heading, cells };
  });
  return { revision: latest === 0 ? null : latest, agencies, clauses };
}

/** `{CODE: [clauseId, ...] | "all"}` for every participating agency. */
export async function getConcerns(db: Db, doc: DocumentRow) {
  const rows = await q.listConcerns(db, doc.id);
  return Object.fromEntries(participantsOf(doc).map((a) => [a.code, rows.get(a.code) ?? 'all']));
}

/** Sets which clauses an agency's sign-off covers; ids must name clauses of the live text. */
export async function setConcerns(
  deps: SignoffDeps,
  actor: Actor,
  doc: DocumentRow,
  agencyCode: string,
  clauses: string[] | 'all',
) {
  if (!policy.setConcerns(actor))
    throw forbidden('Hanya perancang (drafter) yang dapat mengatur cakupan paraf.');
  if (!participantsOf(doc).some((a) => a.code === agencyCode)) throw notFound('Instansi peserta');
  const ids = clauses === 'all' ? null : [...new Set(clauses)];
  if (ids) {
    const live = new Set(extractClauses(await deps.texts.read(doc.id)).map((c) => c.id));
    const unknown = ids.filter((id) => !live.has(id));
    if (unknown.length) throw invalidInput('Pasal tidak dikenal.', { clauses: unknown });
  }
  await deps.db.transaction(async (tx) => {
    await lockDocumentOrConflict(tx, doc.id);
    await q.upsertConcerns(tx, doc.id, agencyCode, ids);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'concerns.set',
      data: { agency: agencyCode, clauses: ids ?? 'all' },
    });
  });
  deps.events.publish({
    type: 'concerns.set',
    documentId: doc.id,
    data: { agency: agencyCode, clauses: ids ?? 'all' },
  });
  return { agency: agencyCode, clauses: ids ?? 'all' };
}
