import type { Db } from '../db';
import { findHeads } from '../accounts/queries';
import type { DocumentRow } from '../documents/queries';
import { conflict } from '../errors';
import { getRevision } from '../revisions/revisions';
import { latestNumber, revisionState } from '../revisions/queries';
import { listApprovals } from '../signoffs/queries';
import { signoffStatuses } from '../signoffs/signoffs';
import { exportModelOf } from './fromDoc';
import type { ExportModel, ExportSource } from './model';

/** Gathers what an export of revision `number` (default: the latest) shows, as of that revision. */
export async function gatherExport(
  db: Db,
  doc: DocumentRow,
  number?: number,
): Promise<ExportModel> {
  return exportModelOf(await gatherExportSource(db, doc, number));
}

/** Gathers an export's source: everything but the text, which stays the revision's Yjs state. */
export async function gatherExportSource(
  db: Db,
  doc: DocumentRow,
  number?: number,
): Promise<ExportSource> {
  const latest = await latestNumber(db, doc.id);
  if (latest === 0)
    throw conflict('Belum ada revisi: buat revisi terlebih dahulu sebelum mengekspor.');
  const revision = await getRevision(db, doc.id, number ?? latest);
  // Reading the text of a large revision is work for the export's worker, not the main thread.
  const state = (await revisionState(db, doc.id, revision.number))!;
  const paraf = (await signoffStatuses(db, doc, revision.number)).map((s) => ({
    agency: s.agency,
    by: s.by?.name ?? null,
    at: s.at,
    status: s.status,
  }));
  return {
    documentId: doc.id,
    title: doc.title,
    state,
    parties: await partiesWithHeads(db, doc, revision.number),
    paraf,
    revision: {
      number: revision.number,
      label: revision.label,
      createdAt: revision.created_at.toISOString(),
    },
    finalHash:
      doc.status === 'final' && doc.final_revision === revision.number ? doc.final_hash : null,
  };
}

/** Each party with the head who approved this revision, else the agency's first head. */
async function partiesWithHeads(db: Db, doc: DocumentRow, revision: number) {
  const approvals = await listApprovals(db, doc.id, revision);
  const heads = await findHeads(
    db,
    doc.parties.map((p) => p.code),
  );
  return doc.parties.map((party) => {
    const approver = approvals.find((a) => a.agency_code === party.code)?.user_name;
    const name = approver ?? heads.find((h) => h.agency_code === party.code)?.name;
    return { ...party, head: name ? { name, position: `Pimpinan ${party.name}` } : null };
  });
}
