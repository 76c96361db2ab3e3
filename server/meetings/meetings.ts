import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent, type AuditKind } from '../audit/audit';
import type { Queryable } from '../db';
import type { DocumentRow } from '../documents/queries';
import { conflict, notFound } from '../errors';
import { authorize } from '../policies/policies';
import { cutRevision, getRevision, latestNumber, type RevisionDeps } from '../revisions/revisions';
import { extractClauses } from '../../shared/clauses';
import type { attendInput, decisionInput, Meeting, meetingInput } from '../../shared/meetings';
import { PART_IDS } from '../../shared/naskah';
import { presentMeeting } from './present';
import * as q from './queries';

/** What the meeting service needs from the server: the revision service's parts. */
export type MeetingDeps = RevisionDeps;

// A revision label holds at most 200 characters (migrations/002); the meeting title may be longer.
const MAX_LABEL = 200;

/** Opens a rapat penyelarasan on the latest revision; 409 when the document has none or is final. */
export async function openMeeting(
  deps: MeetingDeps,
  actor: Actor,
  doc: DocumentRow,
  input: z.output<typeof meetingInput>,
): Promise<Meeting> {
  authorize(actor, 'meeting.open');
  if (doc.status !== 'drafting')
    throw conflict('Dokumen sudah final: rapat penyelarasan tidak dapat dibuka.');
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    const revision = await latestNumber(tx, doc.id);
    if (revision === 0)
      throw conflict('Belum ada revisi: buat revisi dahulu sebelum membuka rapat penyelarasan.');
    await q.insertMeeting(tx, {
      id,
      documentId: doc.id,
      revision,
      title: input.title,
      place: input.place,
      startsAt: new Date(input.startsAt),
      createdBy: actor.id,
    });
    await audit(tx, doc, actor, 'meeting.opened', {
      meetingId: id,
      revision,
      title: input.title,
      place: input.place,
      startsAt: new Date(input.startsAt).toISOString(),
    });
  });
  return published(deps, doc, id);
}

/** Puts the caller in the daftar hadir of an open meeting, for its own agency. */
export async function attend(
  deps: MeetingDeps,
  actor: Actor,
  doc: DocumentRow,
  meetingId: string,
  input: z.output<typeof attendInput>,
): Promise<Meeting> {
  authorize(actor, 'meeting.attend', doc);
  await deps.db.transaction(async (tx) => {
    await lockOpen(tx, doc, meetingId, 'Rapat sudah ditutup: daftar hadir tidak dapat diubah.');
    const jabatan = input.jabatan ?? null;
    const added = await q.upsertAttendee(tx, {
      meetingId,
      userId: actor.id,
      agencyCode: actor.agency.code,
      jabatan,
    });
    if (added)
      await audit(tx, doc, actor, 'meeting.attended', {
        meetingId,
        agency: actor.agency.code,
        jabatan,
      });
  });
  return published(deps, doc, meetingId);
}

/** Records the meeting's decision on a Pasal (or the pembukaan or penutup) of its text. */
export async function decide(
  deps: MeetingDeps,
  actor: Actor,
  doc: DocumentRow,
  meetingId: string,
  clauseId: string,
  input: z.output<typeof decisionInput>,
): Promise<Meeting> {
  authorize(actor, 'meeting.decide');
  const meeting = await findRow(deps.db, doc, meetingId);
  if (!(await isClauseOf(deps, doc, meeting.revision, clauseId))) throw notFound('Pasal');
  const note = input.note || null;
  const followUp = input.followUp ?? null;
  await deps.db.transaction(async (tx) => {
    await lockOpen(tx, doc, meetingId, 'Rapat sudah ditutup: keputusan tidak dapat diubah.');
    await q.upsertDecision(tx, {
      meetingId,
      clauseId,
      decision: input.decision,
      note,
      followUp,
      userId: actor.id,
    });
    await audit(tx, doc, actor, 'meeting.decided', {
      meetingId,
      clauseId,
      decision: input.decision,
      note,
      followUp,
    });
  });
  return published(deps, doc, meetingId);
}

/**
 * Closes a meeting: cuts a revision of the live text, which holds the edits made during the
 * meeting, and names it in the meeting. Claiming the close first makes a second close (or a
 * late decision) a 409 rather than a second revision; a cut that fails reopens the meeting.
 */
export async function closeMeeting(
  deps: MeetingDeps,
  actor: Actor,
  doc: DocumentRow,
  meetingId: string,
): Promise<{ revision: number; meeting: Meeting }> {
  authorize(actor, 'meeting.close');
  const meeting = await findRow(deps.db, doc, meetingId);
  if (!(await q.markClosed(deps.db, meetingId, actor.id))) throw conflict('Rapat sudah ditutup.');
  let revision: number;
  try {
    const label = `Hasil rapat: ${meeting.title}`.slice(0, MAX_LABEL);
    revision = (await cutRevision(deps, actor, doc, label)).number;
  } catch (error) {
    await q.undoClose(deps.db, meetingId);
    throw error;
  }
  await deps.db.transaction(async (tx) => {
    await q.setClosedRevision(tx, meetingId, revision);
    await audit(tx, doc, actor, 'meeting.closed', {
      meetingId,
      revision: meeting.revision,
      closedRevision: revision,
    });
  });
  return { revision, meeting: await published(deps, doc, meetingId) };
}

/** One meeting of the document; 404 when it has no such meeting. */
export async function getMeeting(db: Queryable, doc: DocumentRow, meetingId: string) {
  const row = await findRow(db, doc, meetingId);
  const [attendees, decisions] = await Promise.all([
    q.listAttendees(db, doc.id, meetingId),
    q.listDecisions(db, doc.id, meetingId),
  ]);
  return presentMeeting(row, attendees, decisions);
}

/** Every meeting of the document, newest first. */
export async function listMeetings(db: Queryable, doc: DocumentRow): Promise<Meeting[]> {
  const [rows, attendees, decisions] = await Promise.all([
    q.listMeetings(db, doc.id),
    q.listAttendees(db, doc.id, null),
    q.listDecisions(db, doc.id, null),
  ]);
  return rows.map((row) => presentMeeting(row, attendees, decisions));
}

async function findRow(db: Queryable, doc: DocumentRow, meetingId: string) {
  const row = await q.findMeeting(db, doc.id, meetingId);
  if (!row) throw notFound('Rapat');
  return row;
}

async function lockOpen(tx: Queryable, doc: DocumentRow, meetingId: string, closed: string) {
  await findRow(tx, doc, meetingId);
  const locked = await q.lockMeeting(tx, meetingId);
  if (locked?.status !== 'open') throw conflict(closed);
}

// A decision may name a Pasal of the meeting's revision or one added during the meeting.
async function isClauseOf(deps: MeetingDeps, doc: DocumentRow, revision: number, id: string) {
  if (PART_IDS.includes(id)) return true;
  const frozen = (await getRevision(deps.db, doc.id, revision)).naskah.clauses;
  if (frozen.some((c) => c.id === id)) return true;
  return extractClauses(await deps.texts.read(doc.id)).some((c) => c.id === id);
}

function audit(tx: Queryable, doc: DocumentRow, actor: Actor, kind: AuditKind, data: unknown) {
  return recordEvent(tx, documentStream(doc.id), { actorId: actor.id, kind, data });
}

// Everyone watching the document reloads the meeting: attendance and decisions show live.
async function published(deps: MeetingDeps, doc: DocumentRow, meetingId: string) {
  const meeting = await getMeeting(deps.db, doc, meetingId);
  deps.events.publish({
    type: 'meeting.updated',
    documentId: doc.id,
    data: { meetingId, status: meeting.status },
  });
  return meeting;
}
