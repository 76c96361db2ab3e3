import type { Queryable } from '../db';
import { chainHash, GENESIS_HASH } from './chain';
import { insertEvent, lastEvent, listEvents, lockStream, type AuditRow } from './queries';

/** The kinds of audited state changes. */
export type AuditKind =
  | 'agency.created'
  | 'user.created'
  | 'agency.updated'
  | 'user.updated'
  | 'user.password_reset'
  | 'user.password_changed'
  | 'document.created'
  | 'edit'
  | 'revision.created'
  | 'concerns.set'
  | 'party.updated'
  | 'agency.tiers_set'
  | 'signoff.recorded'
  | 'document.approved'
  | 'document.approval_withdrawn'
  | 'document.finalized'
  | 'comment.created'
  | 'comment.resolved'
  | 'proposal.accepted'
  | 'response.uploaded'
  | 'text.repaired'
  | 'meeting.opened'
  | 'meeting.attended'
  | 'meeting.decided'
  | 'meeting.closed';

/** The audit stream of one document. */
export const documentStream = (documentId: string) => `document:${documentId}`;
/** The audit stream of account and agency changes. */
export const SYSTEM_STREAM = 'system';

/**
 * Appends an event to a stream inside the caller's transaction, chaining its hash to the
 * previous event; the change and its event commit or roll back together.
 */
export async function recordEvent(
  tx: Queryable,
  stream: string,
  event: { actorId: string | null; kind: AuditKind; data: unknown },
): Promise<void> {
  await lockStream(tx, stream);
  const last = await lastEvent(tx, stream);
  const seq = (last?.seq ?? 0) + 1;
  const at = new Date();
  const hash = chainHash(last?.hash ?? GENESIS_HASH, { seq, at: at.toISOString(), ...event });
  await insertEvent(tx, stream, { seq, at, ...event, hash });
}

/** An audit event as the API presents it. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: { id: string; name: string; agency: { code: string; name: string } } | null;
  kind: string;
  data: unknown;
  hash: string;
}

/** Every event of a stream, oldest first. */
export async function readEvents(db: Queryable, stream: string): Promise<AuditEvent[]> {
  return (await listEvents(db, stream)).map(present);
}

function present(row: AuditRow): AuditEvent {
  const actor =
    row.actor_id && row.actor_name
      ? {
          id: row.actor_id,
          name: row.actor_name,
          agency: { code: row.actor_agency_code ?? '', name: row.actor_agency_name ?? '' },
        }
      : null;
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor,
    kind: row.kind,
    data: row.data,
    hash: row.hash,
  };
}

/** Recomputes a stream's chain; `ok` is false from the first event whose hash or order is off. */
export async function verifyStream(
  db: Queryable,
  stream: string,
): Promise<{ ok: boolean; events: number; brokenAt?: number }> {
  const rows = await listEvents(db, stream);
  let previous = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const expected = chainHash(previous, {
      seq: row.seq,
      at: row.at.toISOString(),
      actorId: row.actor_id,
      kind: row.kind,
      data: row.data,
    });
    if (row.seq !== i + 1 || row.hash !== expected)
      return { ok: false, events: rows.length, brokenAt: row.seq };
    previous = row.hash;
  }
  return { ok: true, events: rows.length };
}
