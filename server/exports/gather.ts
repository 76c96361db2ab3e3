import type { Db } from '../db';
import type { DocumentRow } from '../documents/queries';
import { conflict, invalidInput, notFound } from '../errors';
import { getRevision } from '../revisions/revisions';
import { latestNumber, revisionState } from '../revisions/queries';
import { findHeads } from '../accounts/queries';
import { partyRecords } from '../parties/parties';
import { signoffStatuses } from '../signoffs/signoffs';
import { exportModelOf } from './fromDoc';
import type { ExportModel, ExportSource } from './model';

/** Gathers what an export of revision `number` (default: the latest) shows, as of that revision. */
export async function gatherExport(
  db: Db,
  doc: DocumentRow,
  number?: number,
  copy: string | null = null,
): Promise<ExportModel> {
  return exportModelOf(await gatherExportSource(db, doc, number, copy));
}

/** Gathers an export's source: everything but the text, which stays the revision's Yjs state. */
export async function gatherExportSource(
  db: Db,
  doc: DocumentRow,
  number?: number,
  copy: string | null = null,
): Promise<ExportSource> {
  if (copy !== null && !doc.parties.some((p) => p.code === copy)) throw notFound('Pihak');
  const latest = await latestNumber(db, doc.id);
  if (latest === 0)
    throw conflict('Belum ada revisi: buat revisi terlebih dahulu sebelum mengekspor.');
  const revision = await getRevision(db, doc.id, number ?? latest);
  // Reading the text of a large revision is work for the export's worker, not the main thread.
  const state = (await revisionState(db, doc.id, revision.number))!;
  const statuses = await signoffStatuses(db, doc, revision.number);
  // The heads who sign do not initial their own naskah: their sign-off is left off the lembar.
  const heads = new Set(
    (
      await findHeads(
        db,
        doc.parties.map((p) => p.code),
      )
    ).map((h) => h.id),
  );
  const paraf = statuses.map((s) => ({
    byHead: s.by !== null && heads.has(s.by.id),
    agency: s.agency,
    by: s.by?.name ?? null,
    at: s.at,
    status: s.status,
    revision: s.revision,
    ...(s.tiers ? { tiers: s.tiers } : {}),
  }));
  return {
    documentId: doc.id,
    title: doc.title,
    state,
    parties: (await partyRecords(db, doc)).map(({ code, record }) => ({
      code,
      name: record.officialName,
      signatory: { name: record.signatoryName, title: record.signatoryTitle },
      meterai: record.meterai,
      agencies: record.agencies,
    })),
    paraf,
    copy,
    revision: {
      number: revision.number,
      label: revision.label,
      createdAt: revision.created_at.toISOString(),
    },
    finalHash:
      doc.status === 'final' && doc.final_revision === revision.number ? doc.final_hash : null,
  };
}

/**
 * The Yjs state of revision `since`, for an export of revision `number` with the changes since
 * it (`?changesSince=`): 400 unless `since` is an earlier revision of the document.
 */
export async function changesSinceState(
  db: Db,
  documentId: string,
  since: number,
  number: number,
): Promise<Uint8Array> {
  const details = { changesSince: 'not an earlier revision' };
  if (number === 1)
    throw invalidInput(
      'Revisi 1 adalah revisi pertama: tidak ada revisi sebelumnya untuk lacak perubahan.',
      details,
    );
  if (since < 1 || since >= number)
    throw invalidInput(
      `Parameter changesSince harus nomor revisi sebelum revisi ${number} (1–${number - 1}).`,
      details,
    );
  const state = await revisionState(db, documentId, since);
  if (!state) throw invalidInput(`Revisi ${since} tidak ditemukan.`, details);
  return state;
}
