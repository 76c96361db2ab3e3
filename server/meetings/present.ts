import type { Meeting, MeetingAttendee, MeetingClauseDecision } from '../../shared/meetings';
import type { AttendeeRow, DecisionRow, MeetingRow } from './queries';

/** A meeting as the API presents it, from its row, its daftar hadir and its decisions. */
export function presentMeeting(
  row: MeetingRow,
  attendees: readonly AttendeeRow[],
  decisions: readonly DecisionRow[],
): Meeting {
  return {
    id: row.id,
    documentId: row.document_id,
    revision: row.revision,
    title: row.title,
    place: row.place,
    startsAt: row.starts_at.toISOString(),
    status: row.status,
    presenter: {
      id: row.presenter_id,
      name: row.presenter_name,
      agency: { code: row.presenter_agency_code, name: row.presenter_agency_name },
    },
    attendees: attendees.filter((a) => a.meeting_id === row.id).map(presentAttendee),
    decisions: Object.fromEntries(
      decisions
        .filter((d) => d.meeting_id === row.id)
        .map((d) => [d.clause_id, presentDecision(d)]),
    ),
    closedAt: row.closed_at?.toISOString() ?? null,
    closedRevision: row.closed_revision,
  };
}

function presentAttendee(row: AttendeeRow): MeetingAttendee {
  return {
    user: {
      id: row.user_id,
      name: row.user_name,
      agency: { code: row.user_agency_code, name: row.user_agency_name },
    },
    agency: { code: row.agency_code, name: row.agency_name },
    jabatan: row.jabatan,
    at: row.attended_at.toISOString(),
  };
}

function presentDecision(row: DecisionRow): MeetingClauseDecision {
  return {
    decision: row.decision,
    note: row.note,
    followUp: row.follow_up,
    by: {
      id: row.by_id,
      name: row.by_name,
      agency: { code: row.by_agency_code, name: row.by_agency_name },
    },
    at: row.decided_at.toISOString(),
  };
}
