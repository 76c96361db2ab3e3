import type { Db, Queryable } from '../db';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { DocumentRow } from '../documents/queries';
import { emptyNaskah, extractNaskah, PART_IDS, type Naskah } from '../../shared/naskah';
import type { EventHub } from '../events/hub';
import type { TextAccess } from '../documents/access';
import { conflict, invalidInput, notFound } from '../errors';
import { authorize } from '../policies/policies';
import { latestNumber } from '../revisions/queries';
import { listRevisions } from '../revisions/revisions';
import * as q from './queries';
import { recordTierParaf, tiersOf, tierStep } from '../tiers/tiers';
import type { Concerns, Signoff, SignoffMatrix } from '../../shared/apiTypes';
import {
  agencyCells,
  agencyStatus,
  citedThrough,
  concernFrom,
  effectiveConcern,
  rowIds,
  type CellStatus,
  type StoredConcern,
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
  authorize(actor, 'signoff.record', doc);
  let tier: string | null = null;
  await deps.db.transaction(async (tx) => {
    await lockDocumentOrConflict(tx, doc.id);
    const latest = await latestNumber(tx, doc.id);
    if (revision < 1 || revision > latest) throw notFound('Revisi');
    if (revision !== latest)
      throw conflict(`Hanya revisi terakhir (revisi ${latest}) yang dapat diparaf.`);
    // The decision keeps the concern it was made under: what the agency initialled stays
    // covered even if its concern is narrowed later.
    const concern: StoredConcern =
      (await q.listConcerns(tx, doc.id)).get(actor.agency.code) ?? 'all';
    // Paraf hierarki: below the last tier of a tiered agency, the caller initials for its tier.
    const naskahOf = await naskahByRevision(tx, doc.id);
    const step = await tierStep(tx, doc, actor, revision, input.decision, concern, naskahOf);
    if (step.kind === 'tier') {
      await recordTierParaf(tx, doc, actor, revision, step, concern);
      await recordEvent(tx, documentStream(doc.id), {
        actorId: actor.id,
        kind: 'signoff.recorded',
        data: { agency: actor.agency.code, revision, decision: input.decision, tier: step.label },
      });
      tier = step.label;
      return;
    }
    const signoff = {
      documentId: doc.id,
      agencyCode: actor.agency.code,
      revision,
      decision: input.decision,
      note: input.note ?? null,
      concern,
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
    data: { agency: actor.agency.code, revision, decision: input.decision, tier },
  });
  return {
    agency: actor.agency,
    revision,
    decision: input.decision,
    note: input.note ?? null,
    by: { id: actor.id, name: actor.name },
    // A tier's paraf in a tiered agency: the agency's own status waits for its last tier.
    ...(tier === null ? {} : { tier }),
  };
}

async function naskahByRevision(db: Queryable, documentId: string) {
  const revisions = new Map((await listRevisions(db, documentId)).map((r) => [r.number, r.naskah]));
  return (n: number): Naskah => revisions.get(n) ?? emptyNaskah();
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
  const naskahByRevision = new Map(revisions.map((r) => [r.number, r.naskah]));
  const decisions = new Map(
    (await q.latestDecisions(db, doc.id, asOf)).map((d) => [d.agency_code, d]),
  );
  const concernRows = await q.listConcerns(db, doc.id);
  const concernOf = (code: string) =>
    effectiveConcern(concernFrom(concernRows.get(code)), decisions.get(code));
  const latest = revisions.at(-1)?.number ?? 0;
  const naskahOf = (n: number): Naskah => naskahByRevision.get(n) ?? emptyNaskah();
  return { latest, decisions, concernOf, naskahOf };
}

/** One entry per participating agency with its status against the latest revision (or revision `asOf`). */
export async function signoffStatuses(db: Db, doc: DocumentRow, asOf?: number): Promise<Signoff[]> {
  const { latest, decisions, concernOf, naskahOf } = await loadState(db, doc, asOf);
  const entries = participantsOf(doc).map((agency) => {
    const d = decisions.get(agency.code);
    const { status, changedClauses, citedBy } = agencyStatus(
      d,
      concernOf(agency.code),
      naskahOf,
      latest,
    );
    return {
      agency,
      status,
      revision: d?.revision ?? null,
      by: d ? { id: d.user_id, name: d.user_name } : null,
      at: d?.signed_at.toISOString() ?? null,
      note: d?.note ?? null,
      changedClauses,
      citedBy,
    };
  });
  // Tiered agencies show every tier: earlier ones from their own parafs, the last from this entry.
  const tiers = await tiersOf(db, doc, entries, { latest, naskahOf, concernOf }, asOf);
  return entries.map((e) =>
    tiers.has(e.agency.code) ? { ...e, tiers: tiers.get(e.agency.code) } : e,
  );
}

/**
 * The clause × agency matrix for the latest revision: a row for the pembukaan, one per Pasal,
 * one for the penutup.
 */
export async function signoffMatrix(db: Db, doc: DocumentRow): Promise<SignoffMatrix> {
  const { latest, decisions, concernOf, naskahOf } = await loadState(db, doc);
  const agencies = participantsOf(doc).map((a) => a.code);
  const naskah = naskahOf(latest);
  const cellsByAgency = agencies.map((code) => {
    const d = decisions.get(code);
    return agencyCells(naskah, d, concernOf(code), d && naskahOf(d.revision));
  });
  // Cells an agency reaches only through a reference, with the clauses citing them.
  const viaByAgency = agencies.map((code) => {
    const d = decisions.get(code);
    const approved = d?.decision === 'approve' ? [naskahOf(d.revision)] : [];
    return citedThrough(concernOf(code), ...approved, naskah);
  });
  const rows = [
    { number: null, heading: naskah.pembukaan.heading },
    ...naskah.clauses.map((c) => ({ number: c.number as number | null, heading: c.heading })),
    { number: null, heading: naskah.penutup.heading },
  ];
  const ids = rowIds(naskah);
  const clauses = rows.map((row, i) => {
    const cells: Record<string, CellStatus> = {};
    const citedBy: Record<string, string[]> = {};
    agencies.forEach((code, a) => {
      cells[code] = cellsByAgency[a][i];
      const via = viaByAgency[a][ids[i]];
      if (via && cells[code] !== 'not_concerned') citedBy[code] = via;
    });
    return { clauseId: ids[i], number: row.number, heading: row.heading, cells, citedBy };
  });
  return { revision: latest === 0 ? null : latest, agencies, clauses };
}

/** `{CODE: [clauseId, ...] | "all"}` for every participating agency. */
export async function getConcerns(db: Db, doc: DocumentRow): Promise<Concerns> {
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
  authorize(actor, 'concerns.set');
  if (!participantsOf(doc).some((a) => a.code === agencyCode)) throw notFound('Instansi peserta');
  const ids = clauses === 'all' ? null : [...new Set(clauses)];
  if (ids) {
    const naskah = extractNaskah(await deps.texts.read(doc.id));
    const live = new Set([...PART_IDS, ...naskah.clauses.map((c) => c.id)]);
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
