import type { MinutesModel } from './minutes';

// The berita acara as a sequence of blocks, the same for the PDF and the DOCX: each renderer
// only maps a block kind to its own layout, so both formats print the same words.

/** One block of the berita acara. */
export type MinutesBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'section'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'item'; marker: string; text: string }
  | { kind: 'quote'; label: string; text: string };

/** The footer of every page, before its page number: `DRAF` while the meeting is open. */
export function minutesFooter(m: MinutesModel): string {
  return `${m.closed ? '' : 'DRAF · '}Berita acara rapat penyelarasan, ${m.date}`;
}

/** The label of a clause line: `Pasal 3 — Maksud dan Tujuan`, or `Pembukaan`. */
const clauseLine = (c: { label: string; heading: string }) =>
  c.heading ? `${c.label} — ${c.heading}` : c.label;

/** Lays the model out as blocks, in the order a berita acara reads. */
export function minutesBlocks(m: MinutesModel): MinutesBlock[] {
  const blocks: MinutesBlock[] = [
    { kind: 'title', text: 'BERITA ACARA RAPAT PENYELARASAN' },
    { kind: 'subtitle', text: m.title },
    ...(m.closed ? [] : [{ kind: 'subtitle' as const, text: 'DRAF — rapat belum ditutup' }]),
    { kind: 'field', label: 'Naskah', value: m.documentTitle },
    { kind: 'field', label: 'Hari/tanggal', value: m.date },
    { kind: 'field', label: 'Waktu', value: m.time },
    { kind: 'field', label: 'Tempat', value: m.place },
    { kind: 'field', label: 'Naskah yang dibahas', value: `Revisi ${m.revision}` },
    { kind: 'field', label: 'Penyaji', value: `${m.presenter.name} (${m.presenter.agency})` },
    { kind: 'section', text: 'A. Daftar Hadir' },
  ];
  if (m.attendance.length === 0)
    blocks.push({ kind: 'text', text: 'Tidak ada yang tercatat hadir.' });
  for (const group of m.attendance) {
    blocks.push({ kind: 'strong', text: `${group.agency.name} (${group.agency.code})` });
    group.people.forEach((p, i) =>
      blocks.push({
        kind: 'item',
        marker: `${i + 1}.`,
        text: p.jabatan ? `${p.name}, ${p.jabatan}` : p.name,
      }),
    );
  }
  blocks.push({ kind: 'section', text: 'B. Keputusan per Pasal' });
  if (m.decisions.length === 0) blocks.push({ kind: 'text', text: 'Belum ada keputusan.' });
  m.decisions.forEach((d, i) => {
    blocks.push({ kind: 'item', marker: `${i + 1}.`, text: `${clauseLine(d)}: ${d.decision}.` });
    if (d.note) blocks.push({ kind: 'quote', label: 'Catatan', text: d.note });
    if (d.changed)
      blocks.push({
        kind: 'quote',
        label: 'Perubahan',
        text: 'lihat bagian C (Perubahan Naskah).',
      });
  });
  blocks.push({ kind: 'section', text: 'C. Perubahan Naskah dalam Rapat' });
  if (m.changes.length === 0)
    blocks.push({ kind: 'text', text: 'Tidak ada perubahan naskah dalam rapat.' });
  m.changes.forEach((c, i) => {
    blocks.push({ kind: 'item', marker: `${i + 1}.`, text: `${clauseLine(c)} (${c.kind})` });
    if (c.before !== null) blocks.push({ kind: 'quote', label: 'Semula', text: c.before });
    if (c.after !== null) blocks.push({ kind: 'quote', label: 'Menjadi', text: c.after });
  });
  if (m.changesOmitted > 0)
    blocks.push({
      kind: 'text',
      text: `Dan ${m.changesOmitted} perubahan lain; selengkapnya pada redline revisi.`,
    });
  blocks.push({ kind: 'section', text: 'D. Tindak Lanjut' });
  if (m.followUps.length === 0)
    blocks.push({ kind: 'text', text: 'Tidak ada Pasal yang ditunda.' });
  m.followUps.forEach((f, i) => {
    blocks.push({ kind: 'item', marker: `${i + 1}.`, text: `${clauseLine(f)}: ditunda.` });
    if (f.note) blocks.push({ kind: 'quote', label: 'Alasan', text: f.note });
    blocks.push({ kind: 'quote', label: 'Ditindaklanjuti oleh', text: f.followUp ?? '—' });
  });
  blocks.push({ kind: 'section', text: 'E. Penutup' });
  blocks.push({
    kind: 'text',
    text:
      m.closedRevision !== null
        ? `Rapat ditutup. Hasil rapat dituangkan dalam Revisi ${m.closedRevision}, yang dapat diparaf oleh instansi peserta.`
        : 'Rapat belum ditutup; berita acara ini masih draf.',
  });
  return blocks;
}
