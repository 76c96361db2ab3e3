import type { Queryable } from '../db';

/** An audit event row as stored. */
export interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  kind: string;
  data: unknown;
  hash: string;
  actor_name: string | null;
  actor_agency_code: string | null;
  actor_agency_name: string | null;
}

/** Serialises appends to one stream until the transaction ends. */
export async function lockStream(db: Queryable, stream: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [stream]);
}

/** The last event of a stream, if any. */
export async function lastEvent(db: Queryable, stream: string) {
  const { rows } = await db.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
    [stream],
  );
  return rows[0];
}

/** Appends one event row. */
export async function insertEvent(
  db: Queryable,
  stream: string,
  e: { seq: number; at: Date; actorId: string | null; kind: string; data: unknown; hash: string },
): Promise<void> {
  await db.query(
    'INSERT INTO audit_events (stream, seq, at, actor_id, kind, data, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [stream, e.seq, e.at, e.actorId, e.kind, JSON.stringify(e.data), e.hash],
  );
}

/** Every event of a stream, oldest first, with the actor's name and agency. */
export async function listEvents(db: Queryable, stream: string): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT e.seq, e.at, e.actor_id, e.kind, e.data, e.hash,
            u.name AS actor_name, a.code AS actor_agency_code, a.name AS actor_agency_name
       FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN agencies a ON a.code = u.agency_code
      WHERE e.stream = $1
      ORDER BY e.seq`,
    [stream],
  );
  return rows;
}
