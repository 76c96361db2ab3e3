import { createHash } from 'node:crypto';
import type { Node } from 'prosemirror-model';
import type { Actor } from '../accounts/present';
import { documentStream, recordEvent } from '../audit/audit';
import type { Queryable } from '../db';
import type { DocumentRow } from '../documents/queries';
import { conflict, notFound } from '../errors';
import { authorize } from '../policies/policies';
import {
  findRevision,
  freezePrintedText,
  latestNumber,
  lockDocument,
  revisionState,
} from '../revisions/queries';
import { getRevision, stateToDoc } from '../revisions/revisions';
import { requireNoDanglingReferences } from '../revisions/rujukan';
import * as q from './queries';
import { signoffStatuses, type SignoffDeps } from './signoffs';
import type { Approvals } from '../../shared/apiTypes';

/**
 * The final hash: SHA-256 (hex) of the UTF-8 bytes of the final revision's printed text, so
 * `curl .../revisions/N/text | sha256sum` recomputes it.
 */
export function finalHashOf(printedText: string): string {
  return createHash('sha256').update(Buffer.from(printedText, 'utf8')).digest('hex');
}

/**
 * Records a party head's approval of the latest revision. Refused (409) unless the live text
 * equals that revision and every participating agency's sign-off is `approved`; when the heads of
 * all parties have approved, the document becomes final and its text is locked.
 */
export async function approve(
  deps: SignoffDeps,
  actor: Actor,
  doc: DocumentRow,
  revision: number,
  confirm: ApprovalConfirmation = {},
) {
  authorize(actor, 'document.approve', doc);
  if (doc.status === 'final') throw conflict('Dokumen sudah final.');
  await confirm.reauthenticate?.();
  const latest = await latestNumber(deps.db, doc.id);
  if (!(await findRevision(deps.db, doc.id, revision))) throw notFound('Revisi');
  if (revision !== latest)
    throw conflict(`Hanya revisi terakhir (revisi ${latest}) yang dapat disetujui.`);
  if (confirm.textHash !== undefined) {
    const { printedText } = await getRevision(deps.db, doc.id, revision);
    if (finalHashOf(printedText) !== confirm.textHash)
      throw conflict(
        `Teks revisi ${revision} tidak sama dengan teks yang Anda baca (hash berbeda).`,
      );
  }
  // Edits are held back from the check of the live text until the approval has committed, so
  // no keystroke lands between "the text equals the revision" and the lock.
  const hold = await deps.texts.hold(doc.id);
  let finalized: string | null = null;
  try {
    const live = await hold.read();
    await requireTextEquals(deps.db, doc.id, revision, live);
    requireNoDanglingReferences(live);
    await requireAllApproved(deps, doc);
    finalized = await recordApproval(deps, actor, doc, revision);
  } finally {
    hold.release(finalized !== null);
  }
  deps.events.publish({
    type: 'document.approved',
    documentId: doc.id,
    data: { revision, agency: actor.agency.code },
  });
  if (finalized) {
    deps.events.publish({
      type: 'document.finalized',
      documentId: doc.id,
      data: { revision, hash: finalized },
    });
  }
  return approvalsView(deps, doc.id, revision);
}

/** What the caller proved before approving: his password again, and the text hash he was shown. */
export interface ApprovalConfirmation {
  /** Re-authenticates the head; throws when the password is missing or wrong. */
  reauthenticate?: () => Promise<void>;
  /** The SHA-256 of the revision's printed text the head saw; 409 when it differs. */
  textHash?: string;
}

/**
 * Withdraws the caller's agency's approval of the latest revision while the document is not
 * final (a head of that party agency); audited. 409 when there is nothing to withdraw.
 */
export async function withdrawApproval(deps: SignoffDeps, actor: Actor, doc: DocumentRow) {
  authorize(actor, 'approval.withdraw', doc);
  const revision = await deps.db.transaction(async (tx) => {
    const locked = await lockDocument(tx, doc.id);
    if (locked?.status !== 'drafting')
      throw conflict('Dokumen sudah final; persetujuan tidak dapat ditarik.');
    const latest = await latestNumber(tx, doc.id);
    if (!latest || !(await q.deleteApproval(tx, doc.id, latest, actor.agency.code)))
      throw conflict('Instansi Anda belum menyetujui revisi terakhir; tidak ada yang ditarik.');
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'document.approval_withdrawn',
      data: { revision: latest, agency: actor.agency.code },
    });
    return latest;
  });
  deps.events.publish({
    type: 'document.approved',
    documentId: doc.id,
    data: { revision, agency: actor.agency.code, withdrawn: true },
  });
  return approvalsView(deps, doc.id, revision);
}

/** 409 unless every participating agency's sign-off of the latest revision is `approved`. */
async function requireAllApproved(deps: SignoffDeps, doc: DocumentRow) {
  const notApproved = (await signoffStatuses(deps.db, doc)).filter((s) => s.status !== 'approved');
  if (notApproved.length === 0) return;
  const list = notApproved.map((s) => `${s.agency.code} (${s.status})`).join(', ');
  throw conflict(`Belum semua instansi memberi paraf setuju pada revisi ini: ${list}.`, {
    agencies: notApproved.map((s) => ({ code: s.agency.code, status: s.status })),
  });
}

/**
 * In one transaction: records the approval and, when it is the last party's, finalises the
 * document; returns the final hash then, else null.
 */
function recordApproval(
  deps: SignoffDeps,
  actor: Actor,
  doc: DocumentRow,
  revision: number,
): Promise<string | null> {
  return deps.db.transaction(async (tx) => {
    const locked = await lockDocument(tx, doc.id);
    if (locked?.status !== 'drafting') throw conflict('Dokumen sudah final.');
    if ((await latestNumber(tx, doc.id)) !== revision)
      throw conflict('Revisi baru dibuat sementara persetujuan diproses.');
    await q.insertApproval(tx, doc.id, revision, actor.agency.code, actor.id);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'document.approved',
      data: { revision, agency: actor.agency.code },
    });
    const approvals = await q.listApprovals(tx, doc.id, revision);
    const approvedParties = new Set(approvals.map((a) => a.agency_code));
    if (!doc.parties.every((p) => approvedParties.has(p.code))) return null;
    // A revision cut before its printed text was stored gets it frozen now, so the bytes the
    // hash is taken over never change again.
    const { printedText } = await getRevision(tx, doc.id, revision);
    await freezePrintedText(tx, doc.id, revision, printedText);
    const hash = finalHashOf(printedText);
    await q.finalizeDocument(tx, doc.id, revision, hash);
    await recordEvent(tx, documentStream(doc.id), {
      actorId: actor.id,
      kind: 'document.finalized',
      data: { revision, hash },
    });
    return hash;
  });
}

/** 409 unless the live text is exactly the given revision's text. */
async function requireTextEquals(db: Queryable, documentId: string, revision: number, live: Node) {
  const frozen = await revisionState(db, documentId, revision);
  if (!frozen || !live.eq(stateToDoc(frozen))) {
    throw conflict(
      'Naskah telah diubah setelah revisi terakhir: buat revisi baru dan mintakan paraf ulang.',
    );
  }
}

/** The approvals of the final revision, else of the latest (`revision: null` before the first). */
export async function currentApprovals(
  deps: Pick<SignoffDeps, 'db'>,
  doc: DocumentRow,
): Promise<Approvals> {
  const revision = doc.final_revision ?? (await latestNumber(deps.db, doc.id));
  if (!revision) return { revision: null, approvals: [] };
  return approvalsView(deps, doc.id, revision);
}

/** The approvals of a revision, as the API presents them, with the SHA-256 of its printed text. */
export async function approvalsView(
  deps: Pick<SignoffDeps, 'db'>,
  documentId: string,
  revision: number,
): Promise<Approvals> {
  const rows = await q.listApprovals(deps.db, documentId, revision);
  const { printedText } = await getRevision(deps.db, documentId, revision);
  return {
    revision,
    textHash: finalHashOf(printedText),
    approvals: rows.map((r) => ({
      agency: r.agency_code,
      by: { id: r.user_id, name: r.user_name },
      at: r.approved_at.toISOString(),
    })),
  };
}
