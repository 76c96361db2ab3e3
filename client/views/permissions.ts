import type { WorkspaceData } from './store';

/** Either allowed, or a reason (in Indonesian) why not. */
export type Permission = { ok: true } | { ok: false; reason: string };

const allow: Permission = { ok: true };
const deny = (reason: string): Permission => ({ ok: false, reason });

/** Whether the user may change the text now. */
export function canEdit({ me, doc }: WorkspaceData): Permission {
  if (doc.status === 'final') return deny('Dokumen sudah final dan terkunci.');
  if (me.role !== 'drafter' && me.role !== 'admin')
    return deny('Hanya perancang yang dapat mengubah teks; Anda dapat memberi komentar.');
  return allow;
}

/** Whether the user may upload a response edited in Word (as the server's `response.upload` rule). */
export function canRespond({ me, doc }: WorkspaceData): Permission {
  if (doc.status === 'final') return deny('Dokumen sudah final.');
  if (me.role !== 'reviewer' && me.role !== 'head' && me.role !== 'drafter')
    return deny('Tanggapan diunggah oleh penelaah, pimpinan, atau perancang instansi peserta.');
  const participates = [...doc.parties, ...doc.reviewers].some((a) => a.code === me.agency.code);
  if (!participates) return deny('Instansi Anda tidak ikut dalam dokumen ini.');
  return allow;
}

/** Whether the user may cut a revision. */
export function canCutRevision(data: WorkspaceData): Permission {
  if (data.doc.status === 'final') return deny('Dokumen sudah final.');
  if (data.me.role !== 'drafter' && data.me.role !== 'admin')
    return deny('Hanya perancang yang membuat revisi.');
  return allow;
}

/** Whether the user may set which clauses an agency's sign-off covers (drafters only). */
export function canSetConcerns({ me, doc }: WorkspaceData): Permission {
  if (doc.status === 'final') return deny('Dokumen sudah final.');
  if (me.role !== 'drafter') return deny('Cakupan paraf diatur oleh perancang.');
  return allow;
}

/** Whether the user may record its agency's sign-off (paraf) on the latest revision. */
export function canSignoff({ me, doc }: WorkspaceData): Permission {
  if (doc.status === 'final') return deny('Dokumen sudah final.');
  if (me.role !== 'reviewer' && me.role !== 'head')
    return deny('Paraf koordinasi diberikan oleh penelaah atau pimpinan instansi.');
  if (!doc.latestRevision) return deny('Belum ada revisi untuk diparaf.');
  return allow;
}

/** Whether the user may approve the latest revision, with the reason when not yet possible. */
export function canApprove(data: WorkspaceData): Permission {
  const { me, doc, signoffs } = data;
  if (doc.status === 'final') return deny('Dokumen sudah final.');
  if (me.role !== 'head') return deny('Hanya pimpinan instansi pihak yang dapat menyetujui.');
  if (!doc.parties.some((p) => p.code === me.agency.code))
    return deny('Instansi Anda bukan pihak dalam nota kesepakatan ini.');
  if (!doc.latestRevision) return deny('Belum ada revisi untuk disetujui.');
  const { approvals } = data;
  if (
    approvals?.revision === doc.latestRevision &&
    approvals.approvals.some((a) => a.agency === me.agency.code)
  )
    return deny('Instansi Anda sudah menyetujui revisi ini; menunggu pimpinan pihak lain.');
  if (!liveMatchesLatest(data))
    return deny('Teks terkini berbeda dari revisi terakhir; perancang perlu membuat revisi baru.');
  const waiting = (signoffs ?? []).filter((s) => s.status !== 'approved');
  if (!signoffs) return deny('Status paraf koordinasi belum dapat dimuat.');
  if (waiting.length > 0)
    return deny(`Menunggu paraf: ${waiting.map((s) => s.agency.name).join(', ')}.`);
  return allow;
}

/** True when the live text in the editor equals the latest revision clause by clause. */
export function liveMatchesLatest({ revisions, liveClauses }: WorkspaceData): boolean {
  const latest = revisions[revisions.length - 1];
  if (!latest) return false;
  if (latest.clauses.length !== liveClauses.length) return false;
  return latest.clauses.every((c, i) => {
    const live = liveClauses[i];
    return c.id === live.id && c.heading === live.heading && c.text === live.text;
  });
}
