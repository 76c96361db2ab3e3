import { z } from 'zod';

// The rapat penyelarasan (CONTRACT.md, "Meetings"): its inputs, its decisions and the words
// the screen and the berita acara use for them, in one place for the server and the client.

/** What a meeting can decide about one Pasal, the pembukaan or the penutup. */
export const MEETING_DECISIONS = ['disepakati', 'disepakati_dengan_perubahan', 'ditunda'] as const;

/** One of the decisions a meeting records per Pasal. */
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];

/** How each decision reads on the meeting screen and in the berita acara. */
export const MEETING_DECISION_LABELS: Readonly<Record<MeetingDecision, string>> = {
  disepakati: 'Disepakati',
  disepakati_dengan_perubahan: 'Disepakati dengan perubahan',
  ditunda: 'Ditunda',
};

/** Whether a meeting still takes attendance and decisions. */
export type MeetingStatus = 'open' | 'closed';

// Control characters other than tab and newlines have no place in a title, place or name.
const noControl = (s: string) =>
  ![...s].some((ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
  });
const line = (max: number) =>
  z.string().trim().min(1).max(max).refine(noControl, 'karakter kendali tidak diizinkan');

/** `POST /api/documents/:id/meetings`. */
export const meetingInput = z.object({
  title: line(300),
  place: line(300),
  startsAt: z.iso.datetime({ offset: true }),
});

/** `POST .../meetings/:meetingId/attend`; the jabatan (position) is for the daftar hadir. */
export const attendInput = z.object({ jabatan: line(200).optional() });

/** `PUT .../meetings/:meetingId/decisions/:clauseId`; `followUp` names who follows a `ditunda` up. */
export const decisionInput = z.object({
  decision: z.enum(MEETING_DECISIONS),
  note: z.string().trim().max(5000).optional(),
  followUp: line(300).optional(),
});

/** A user as every response names one. */
export interface MeetingUser {
  id: string;
  name: string;
  agency: { code: string; name: string };
}

/** One line of the daftar hadir. */
export interface MeetingAttendee {
  user: MeetingUser;
  agency: { code: string; name: string };
  jabatan: string | null;
  at: string;
}

/** What a meeting decided about one clause id. */
export interface MeetingClauseDecision {
  decision: MeetingDecision;
  note: string | null;
  followUp: string | null;
  by: MeetingUser;
  at: string;
}

/** A meeting as the API presents it. */
export interface Meeting {
  id: string;
  documentId: string;
  revision: number;
  title: string;
  place: string;
  startsAt: string;
  status: MeetingStatus;
  presenter: MeetingUser;
  attendees: MeetingAttendee[];
  decisions: Record<string, MeetingClauseDecision>;
  closedAt: string | null;
  closedRevision: number | null;
}

/**
 * What a presenter publishes in the Yjs awareness (top-level field `meeting`) so the others
 * can follow: the meeting and the clause id (or `pembukaan`/`penutup`) being discussed.
 */
export interface MeetingPresence {
  id: string;
  clauseId: string | null;
}
