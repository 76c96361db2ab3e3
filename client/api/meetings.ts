import type { Meeting, MeetingDecision } from '../../shared/meetings';
import { request } from './http';

const base = (id: string) => `/api/documents/${encodeURIComponent(id)}/meetings`;
const one = (id: string, meetingId: string) => `${base(id)}/${encodeURIComponent(meetingId)}`;

/** A document's meetings, newest first. */
export function listMeetings(documentId: string): Promise<Meeting[]> {
  return request('GET', base(documentId));
}

/** Opens a rapat penyelarasan on the latest revision (drafters). */
export function openMeeting(
  documentId: string,
  input: { title: string; place: string; startsAt: string },
): Promise<Meeting> {
  return request('POST', base(documentId), input);
}

/** Puts the caller in the daftar hadir. */
export function attendMeeting(
  documentId: string,
  meetingId: string,
  jabatan?: string,
): Promise<Meeting> {
  return request('POST', `${one(documentId, meetingId)}/attend`, jabatan ? { jabatan } : {});
}

/** Records the meeting's decision on a Pasal, `pembukaan` or `penutup` (drafters). */
export function decideClause(
  documentId: string,
  meetingId: string,
  clauseId: string,
  input: { decision: MeetingDecision; note?: string; followUp?: string },
): Promise<Meeting> {
  return request(
    'PUT',
    `${one(documentId, meetingId)}/decisions/${encodeURIComponent(clauseId)}`,
    input,
  );
}

/** Closes the meeting, cutting a revision of the text as the meeting left it (drafters). */
export function closeMeeting(
  documentId: string,
  meetingId: string,
): Promise<{ revision: number; meeting: Meeting }> {
  return request('POST', `${one(documentId, meetingId)}/close`);
}

/** Where the berita acara of a meeting downloads from. */
export function minutesUrl(documentId: string, meetingId: string, format: 'pdf' | 'docx'): string {
  return `${one(documentId, meetingId)}/minutes.${format}`;
}
