import type { Queryable } from '../db';

/** A meeting row with its presenter (the drafter who opened it). */
export interface MeetingRow {
  id: string;
  document_id: string;
  revision: number;
  title: string;
  place: string;
  starts_at: Date;
  status: 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
  closed_revision: number | null;
  presenter_id: string;
  presenter_name: string;
  presenter_agency_code: string;
  presenter_agency_name: string;
}

/** One line of a meeting's daftar hadir, with the user's and the attended agency's names. */
export interface AttendeeRow {
  meeting_id: string;
  user_id: string;
  user_name: string;
  user_agency_code: string;
  user_agency_name: string;
  agency_code: string;
  agency_name: string;
  jabatan: string | null;
  attended_at: Date;
}

/** A meeting's decision on one clause id, with who made it. */
export interface DecisionRow {
  meeting_id: string;
  clause_id: string;
  decision: 'disepakati' | 'disepakati_dengan_perubahan' | 'ditunda';
  note: string | null;
  follow_up: string | null;
  decided_at: Date;
  by_id: string;
  by_name: string;
  by_agency_code: string;
  by_agency_name: string;
}

const MEETING_SELECT = `SELECT m.id, m.document_id, m.revision, m.title, m.place, m.starts_at, m.status,
    m.created_at, m.closed_at, m.closed_revision, u.id AS presenter_id, u.name AS presenter_name,
    a.code AS presenter_agency_code, a.name AS presenter_agency_name
  FROM meetings m JOIN users u ON u.id = m.created_by JOIN agencies a ON a.code = u.agency_code`;

/** Stores a new, open meeting. */
export async function insertMeeting(
  db: Queryable,
  m: {
    id: string;
    documentId: string;
    revision: number;
    title: string;
    place: string;
    startsAt: Date;
    createdBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO meetings (id, document_id, revision, title, place, starts_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [m.id, m.documentId, m.revision, m.title, m.place, m.startsAt, m.createdBy],
  );
}

/** One meeting of a document. */
export async function findMeeting(
  db: Queryable,
  documentId: string,
  id: string,
): Promise<MeetingRow | undefined> {
  return (
    await db.query<MeetingRow>(`${MEETING_SELECT} WHERE m.document_id = $1 AND m.id = $2`, [
      documentId,
      id,
    ])
  ).rows[0];
}

/** A document's meetings, newest first. */
export async function listMeetings(db: Queryable, documentId: string): Promise<MeetingRow[]> {
  const { rows } = await db.query<MeetingRow>(
    `${MEETING_SELECT} WHERE m.document_id = $1 ORDER BY m.created_at DESC, m.id`,
    [documentId],
  );
  return rows;
}

/** Locks a meeting row for the rest of the transaction and reads its status. */
export async function lockMeeting(
  db: Queryable,
  id: string,
): Promise<{ status: 'open' | 'closed' } | undefined> {
  return (
    await db.query<{ status: 'open' | 'closed' }>(
      'SELECT status FROM meetings WHERE id = $1 FOR UPDATE',
      [id],
    )
  ).rows[0];
}

/** Adds a person to the daftar hadir; a second call updates the jabatan. True when newly added. */
export async function upsertAttendee(
  db: Queryable,
  a: { meetingId: string; userId: string; agencyCode: string; jabatan: string | null },
): Promise<boolean> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO meeting_attendees (meeting_id, user_id, agency_code, jabatan)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET jabatan = coalesce(EXCLUDED.jabatan, meeting_attendees.jabatan)
     RETURNING (xmax = 0) AS inserted`,
    [a.meetingId, a.userId, a.agencyCode, a.jabatan],
  );
  return rows[0]?.inserted ?? false;
}

/** The daftar hadir of a document's meetings (or of one), in order of arrival. */
export async function listAttendees(
  db: Queryable,
  documentId: string,
  meetingId: string | null,
): Promise<AttendeeRow[]> {
  const { rows } = await db.query<AttendeeRow>(
    `SELECT t.meeting_id, u.id AS user_id, u.name AS user_name, ua.code AS user_agency_code,
            ua.name AS user_agency_name, a.code AS agency_code, a.name AS agency_name, t.jabatan,
            t.attended_at
       FROM meeting_attendees t JOIN users u ON u.id = t.user_id
       JOIN agencies ua ON ua.code = u.agency_code JOIN agencies a ON a.code = t.agency_code
       JOIN meetings m ON m.id = t.meeting_id
      WHERE m.document_id = $1 AND ($2::uuid IS NULL OR m.id = $2)
      ORDER BY t.attended_at, u.name`,
    [documentId, meetingId],
  );
  return rows;
}

/** Records (or replaces) the decision on one clause id. */
export async function upsertDecision(
  db: Queryable,
  d: {
    meetingId: string;
    clauseId: string;
    decision: string;
    note: string | null;
    followUp: string | null;
    userId: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO meeting_decisions (meeting_id, clause_id, decision, note, follow_up, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (meeting_id, clause_id) DO UPDATE SET decision = EXCLUDED.decision,
       note = EXCLUDED.note, follow_up = EXCLUDED.follow_up, decided_by = EXCLUDED.decided_by,
       decided_at = now()`,
    [d.meetingId, d.clauseId, d.decision, d.note, d.followUp, d.userId],
  );
}

/** The decisions of a document's meetings (or of one). */
export async function listDecisions(
  db: Queryable,
  documentId: string,
  meetingId: string | null,
): Promise<DecisionRow[]> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT d.meeting_id, d.clause_id, d.decision, d.note, d.follow_up, d.decided_at,
            u.id AS by_id, u.name AS by_name, a.code AS by_agency_code, a.name AS by_agency_name
       FROM meeting_decisions d JOIN users u ON u.id = d.decided_by
       JOIN agencies a ON a.code = u.agency_code JOIN meetings m ON m.id = d.meeting_id
      WHERE m.document_id = $1 AND ($2::uuid IS NULL OR m.id = $2)
      ORDER BY d.decided_at, d.clause_id`,
    [documentId, meetingId],
  );
  return rows;
}

/** Marks an open meeting closed; false when it was not open (someone closed it first). */
export async function markClosed(db: Queryable, id: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE meetings SET status = 'closed', closed_at = now(), closed_by = $2
      WHERE id = $1 AND status = 'open'`,
    [id, userId],
  );
  return rowCount === 1;
}

/** Reopens a meeting whose close could not cut its revision. */
export async function undoClose(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE meetings SET status = 'open', closed_at = NULL, closed_by = NULL
      WHERE id = $1 AND closed_revision IS NULL`,
    [id],
  );
}

/** Names the revision a closed meeting cut. */
export async function setClosedRevision(db: Queryable, id: string, revision: number) {
  await db.query('UPDATE meetings SET closed_revision = $2 WHERE id = $1', [id, revision]);
}
