import type { Db } from '../db';
import type { TextAccess } from '../documents/access';
import type { DocumentRow } from '../documents/queries';
import { tooLarge } from '../errors';
import { indonesianDate } from '../exports/layout';
import { getRevision } from '../revisions/revisions';
import { diffNaskah, type ClauseChange } from '../../shared/clauseDiff';
import { MEETING_DECISION_LABELS, type Meeting } from '../../shared/meetings';
import { extractNaskah, PART_HEADINGS } from '../../shared/naskah';

// The berita acara rapat (notulen) as data, before either renderer lays it out. Both formats
// print the same model, so the PDF and the DOCX say the same thing.

/** The most characters one side (semula/menjadi) of a change prints; the redline holds the rest. */
export const MINUTES_CHANGE_SIDE_CHARS = 1_500;
/** The most characters all printed changes take together; later changes are only counted. */
export const MINUTES_CHANGES_CHARS = 30_000;
/** The most characters a berita acara prints; past it the request gets 413, not a slow render. */
export const MINUTES_MAX_CHARS = 60_000;

/** One clause of the berita acara: `Pasal 3`, `Pembukaan` or `Penutup`, and its heading. */
export interface MinutesClause {
  clauseId: string;
  label: string;
  heading: string;
}

/** Everything the berita acara of one meeting prints. */
export interface MinutesModel {
  documentTitle: string;
  title: string;
  /** The meeting's day in Indonesian (`5 Maret 2026`) and its time in WIB (`09.30 WIB`). */
  date: string;
  time: string;
  place: string;
  closed: boolean;
  revision: number;
  closedRevision: number | null;
  presenter: { name: string; agency: string };
  /** The daftar hadir grouped by agency (full name), in order of arrival. */
  attendance: {
    agency: { code: string; name: string };
    people: { name: string; jabatan: string | null }[];
  }[];
  decisions: (MinutesClause & { decision: string; note: string | null; changed: boolean })[];
  /** The changes made in the meeting: its revision against the revision cut at the close. */
  changes: (MinutesClause & { kind: string; before: string | null; after: string | null })[];
  /** Changes counted but not printed, past `MINUTES_CHANGES_CHARS`. */
  changesOmitted: number;
  followUps: (MinutesClause & { note: string | null; followUp: string | null })[];
}

const CHANGE_LABELS: Record<ClauseChange['change'], string> = {
  added: 'Ditambahkan',
  removed: 'Dihapus',
  modified: 'Diubah',
  unchanged: 'Dipindahkan',
};

/**
 * Gathers the berita acara of a meeting. The changes compare the meeting's revision with the
 * revision cut at its close, or with the live text while the meeting is still open.
 */
export async function gatherMinutes(
  deps: { db: Db; texts: TextAccess },
  doc: DocumentRow,
  meeting: Meeting,
): Promise<MinutesModel> {
  const before = (await getRevision(deps.db, doc.id, meeting.revision)).naskah;
  const after =
    meeting.closedRevision !== null
      ? (await getRevision(deps.db, doc.id, meeting.closedRevision)).naskah
      : extractNaskah(await deps.texts.read(doc.id));
  const entries = diffNaskah(before, after);
  const clauses = new Map(entries.map((e) => [e.clauseId, clauseOf(e)]));
  const changed = entries.filter((e) => e.change !== 'unchanged' || e.moved);
  const printed = boundedChanges(changed, clauses);
  const decided = entries.filter((e) => meeting.decisions[e.clauseId]);
  const model: MinutesModel = {
    documentTitle: doc.title,
    title: meeting.title,
    date: indonesianDate(meeting.startsAt),
    time: wibTime(meeting.startsAt),
    place: meeting.place,
    closed: meeting.status === 'closed',
    revision: meeting.revision,
    closedRevision: meeting.closedRevision,
    presenter: { name: meeting.presenter.name, agency: meeting.presenter.agency.name },
    attendance: byAgency(meeting),
    decisions: decided.map((e) => {
      const d = meeting.decisions[e.clauseId];
      return {
        ...clauses.get(e.clauseId)!,
        decision: MEETING_DECISION_LABELS[d.decision],
        note: d.note,
        changed: changed.includes(e),
      };
    }),
    changes: printed,
    changesOmitted: changed.length - printed.length,
    followUps: decided
      .filter((e) => meeting.decisions[e.clauseId].decision === 'ditunda')
      .map((e) => ({
        ...clauses.get(e.clauseId)!,
        note: meeting.decisions[e.clauseId].note,
        followUp: meeting.decisions[e.clauseId].followUp,
      })),
  };
  if (printedChars(model) > MINUTES_MAX_CHARS)
    throw tooLarge(
      `Berita acara melebihi ${MINUTES_MAX_CHARS.toLocaleString('id-ID')} karakter; persingkat catatan keputusan.`,
    );
  return model;
}

function clauseOf(entry: ClauseChange): MinutesClause {
  const version = entry.after ?? entry.before!;
  const part = PART_HEADINGS[entry.clauseId as keyof typeof PART_HEADINGS];
  return {
    clauseId: entry.clauseId,
    label: part ?? `Pasal ${version.number}`,
    heading: part ? '' : version.heading,
  };
}

function boundedChanges(changed: ClauseChange[], clauses: Map<string, MinutesClause>) {
  const side = (v: ClauseChange['before']) =>
    v && clip(v.number === null ? v.text : `${v.heading}\n${v.text}`);
  let budget = MINUTES_CHANGES_CHARS;
  const printed: MinutesModel['changes'] = [];
  for (const entry of changed) {
    const before = entry.change === 'unchanged' ? null : side(entry.before);
    const after = entry.change === 'unchanged' ? null : side(entry.after);
    budget -= (before?.length ?? 0) + (after?.length ?? 0);
    if (budget < 0) break;
    printed.push({
      ...clauses.get(entry.clauseId)!,
      kind: CHANGE_LABELS[entry.change],
      before,
      after,
    });
  }
  return printed;
}

function clip(text: string): string {
  return text.length <= MINUTES_CHANGE_SIDE_CHARS
    ? text
    : `${text.slice(0, MINUTES_CHANGE_SIDE_CHARS)} … (selengkapnya pada redline revisi)`;
}

function byAgency(meeting: Meeting): MinutesModel['attendance'] {
  const groups = new Map<string, MinutesModel['attendance'][number]>();
  for (const a of meeting.attendees) {
    const group = groups.get(a.agency.code) ?? { agency: a.agency, people: [] };
    group.people.push({ name: a.user.name, jabatan: a.jabatan });
    groups.set(a.agency.code, group);
  }
  return [...groups.values()];
}

// Times are printed in WIB, as the exports print dates (server/exports/layout.ts).
function wibTime(iso: string): string {
  const wib = new Date(Date.parse(iso) + 7 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(wib.getUTCHours())}.${pad(wib.getUTCMinutes())} WIB`;
}

function printedChars(model: MinutesModel): number {
  return JSON.stringify(model).length;
}
