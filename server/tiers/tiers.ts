import type { Db, Queryable } from '../db';
import type { Actor } from '../accounts/present';
import type { DocumentRow } from '../documents/queries';
import { conflict, forbidden } from '../errors';
import type { TierStatus } from '../../shared/apiTypes';
import type { Naskah } from '../../shared/naskah';
import {
  agencyStatus,
  concernFrom,
  effectiveConcern,
  type Concern,
  type StoredConcern,
} from '../signoffs/status';
import * as q from './queries';

// Paraf hierarki: inside an agency paraf climbs its tiers in order (staf/Kasubbag, Kabag,
// Kepala). Each tier initials the latest revision after the tiers below it; the last tier's
// paraf is the agency's paraf koordinasi (the existing sign-off). A tier's paraf goes stale as
// the agency's does: when a clause of its concern changes after the revision it initialled.

/** What a sign-off by the caller is: a tier's paraf, or the agency's own decision. */
export type TierStep = { kind: 'agency' } | { kind: 'tier'; position: number; label: string };

type NaskahOf = (revision: number) => Naskah;

function tierParafStatus(
  paraf: q.TierParafRow | undefined,
  concern: Concern,
  naskahOf: NaskahOf,
  latest: number,
): TierStatus['status'] {
  if (!paraf) return 'pending';
  const decision = {
    revision: paraf.revision,
    decision: 'approve' as const,
    concern: paraf.concern,
  };
  const { status } = agencyStatus(decision, effectiveConcern(concern, decision), naskahOf, latest);
  return status === 'approved' ? 'approved' : 'stale';
}

/**
 * Decides what the caller's sign-off on `revision` is. An agency without tiers keeps its single
 * step. In a tiered agency only tier holders initial (403 otherwise), each after every tier below
 * it has initialled this revision's text (409 otherwise); the last tier gives the agency's paraf.
 * Asking for changes stays open to every tier holder and is the agency's decision.
 */
export async function tierStep(
  tx: Queryable,
  doc: DocumentRow,
  actor: Actor,
  revision: number,
  decision: 'approve' | 'changes_requested',
  concern: StoredConcern,
  naskahOf: NaskahOf,
): Promise<TierStep> {
  const tiers = await q.listTiers(tx, actor.agency.code);
  if (tiers.length === 0) return { kind: 'agency' };
  const position = await q.tierOf(tx, actor.agency.code, actor.id);
  if (position === null)
    throw forbidden('Anda tidak memegang tingkat paraf pada instansi ini (paraf berjenjang).');
  if (decision === 'changes_requested') return { kind: 'agency' };
  const parafs = (await q.latestTierParafs(tx, doc.id)).filter(
    (p) => p.agency_code === actor.agency.code,
  );
  for (const tier of tiers.filter((t) => t.position < position)) {
    const paraf = parafs.find((p) => p.position === tier.position);
    if (tierParafStatus(paraf, concernFrom(concern), naskahOf, revision) !== 'approved')
      throw conflict(
        `Paraf berjenjang: ${tier.label} belum memaraf revisi ${revision}; paraf diberikan berurutan.`,
        { tier: tier.position, label: tier.label },
      );
  }
  if (position === tiers.length) return { kind: 'agency' };
  return { kind: 'tier', position, label: tiers[position - 1].label };
}

/** Records a tier's paraf (inside the caller's transaction). */
export async function recordTierParaf(
  tx: Queryable,
  doc: DocumentRow,
  actor: Actor,
  revision: number,
  step: { position: number; label: string },
  concern: StoredConcern,
): Promise<void> {
  await q.insertTierParaf(tx, {
    documentId: doc.id,
    agencyCode: actor.agency.code,
    position: step.position,
    label: step.label,
    revision,
    userId: actor.id,
    concern,
  });
}

/** The entry of an agency's sign-off that its tiers are read beside. */
interface AgencyEntry {
  agency: { code: string };
  status: string;
  by: { name: string } | null;
  at: string | null;
  revision: number | null;
}

/**
 * Each tiered agency's tiers with their status as of revision `latest`: the tiers below the
 * last from their own parafs, the last from the agency's sign-off. Agencies without tiers get none.
 */
export async function tiersOf(
  db: Db,
  doc: DocumentRow,
  entries: readonly AgencyEntry[],
  state: { latest: number; naskahOf: NaskahOf; concernOf: (code: string) => Concern },
  asOf?: number,
): Promise<Map<string, TierStatus[]>> {
  const labels = await q.tierLabels(
    db,
    entries.map((e) => e.agency.code),
  );
  if (labels.size === 0) return new Map();
  const parafs = await q.latestTierParafs(db, doc.id, asOf);
  const out = new Map<string, TierStatus[]>();
  for (const entry of entries) {
    const tiers = labels.get(entry.agency.code);
    if (!tiers) continue;
    out.set(
      entry.agency.code,
      tiers.map((label, i) => {
        const position = i + 1;
        if (position === tiers.length) {
          const given = entry.status === 'approved' || entry.status === 'stale';
          return {
            position,
            label,
            by: given ? (entry.by?.name ?? null) : null,
            at: given ? entry.at : null,
            revision: given ? entry.revision : null,
            status: given ? (entry.status as 'approved' | 'stale') : 'pending',
          };
        }
        const paraf = parafs.find(
          (p) => p.agency_code === entry.agency.code && p.position === position,
        );
        return {
          position,
          label,
          by: paraf?.user_name ?? null,
          at: paraf?.signed_at.toISOString() ?? null,
          revision: paraf?.revision ?? null,
          status: tierParafStatus(
            paraf,
            state.concernOf(entry.agency.code),
            state.naskahOf,
            state.latest,
          ),
        };
      }),
    );
  }
  return out;
}
