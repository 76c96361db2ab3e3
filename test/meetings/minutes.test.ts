import type { Meeting } from '../../shared/meetings';
import { docxText, expectInOrder, normalise, pdfPages } from '../exports/readBack';
import { serverWithCast } from '../support/server';
import { draftDocument } from '../support/factories';
import { edit } from '../support/text';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud dan Tujuan',
  'Kerja sama pengelolaan data kependudukan.',
  'Pasal 2',
  'Pembiayaan',
  'Dibebankan pada APBD masing-masing.',
  'Pasal 3',
  'Jangka Waktu',
  'Berlaku lima tahun.',
].join('\n');

async function download(id: string, meetingId: string, format: 'pdf' | 'docx', token: string) {
  const res = await fetch(
    `${t.server.url}/api/documents/${id}/meetings/${meetingId}/minutes.${format}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** A meeting with two agencies present, decisions on three Pasal, one edit, then the close. */
async function heldMeeting() {
  const { id, clauses } = await draftDocument(t.call, t.cast, {
    title: 'Uji berita acara',
    text: PLAIN,
  });
  const ids = clauses.map((c) => c.id);
  const drafter = { token: t.cast.drafter.token };
  await t.call('POST', `/api/documents/${id}/revisions`, { ...drafter, body: {} });
  const meeting = await t.call<Meeting>('POST', `/api/documents/${id}/meetings`, {
    ...drafter,
    body: {
      title: 'Rapat Penyelarasan Kedua',
      place: 'Aula Gedung Sate',
      startsAt: '2026-12-01T02:00:00Z',
    },
  });
  const mid = meeting.body.id;
  const path = `/api/documents/${id}/meetings/${mid}`;
  await t.call('POST', `${path}/attend`, {
    token: t.cast.headA.token,
    body: { jabatan: 'Kepala Dinas' },
  });
  await t.call('POST', `${path}/attend`, {
    token: t.cast.reviewer.token,
    body: { jabatan: 'Inspektur Pembantu' },
  });
  await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
    edit.typeInParagraph(ydoc, ids[0], 0, 'Rapat menyepakati '),
  );
  const decide = (clauseId: string, body: object) =>
    t.call('PUT', `${path}/decisions/${clauseId}`, { ...drafter, body });
  await decide(ids[0], { decision: 'disepakati_dengan_perubahan', note: 'Rumusan dipertegas.' });
  await decide(ids[1], {
    decision: 'ditunda',
    note: 'Menunggu surat Kemenkeu.',
    followUp: 'Biro Keuangan Pihak A',
  });
  await decide(ids[2], { decision: 'disepakati' });
  const closed = await t.call<{ revision: number }>('POST', `${path}/close`, drafter);
  expect(closed.status).toBe(200);
  return { id, mid, closedRevision: closed.body.revision };
}

describe('berita acara rapat', () => {
  it('prints date, place, attendees by agency, decisions per Pasal, the changes, follow-ups and the revision cut (PDF)', async () => {
    const { id, mid, closedRevision } = await heldMeeting();
    const pdf = await download(id, mid, 'pdf', t.cast.headB.token);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = (await pdfPages(pdf.body)).join(' ');
    expectInOrder(text, [
      'BERITA ACARA RAPAT PENYELARASAN',
      'Rapat Penyelarasan Kedua',
      'Hari/tanggal: 1 Desember 2026',
      'Waktu: 09.00 WIB',
      'Tempat: Aula Gedung Sate',
      'A. Daftar Hadir',
      t.cast.partyA.name,
      `${t.cast.headA.name}, Kepala Dinas`,
      t.cast.inspectorate.name,
      `${t.cast.reviewer.name}, Inspektur Pembantu`,
      'B. Keputusan per Pasal',
      'Pasal 1 — Maksud dan Tujuan: Disepakati dengan perubahan.',
      'Catatan: Rumusan dipertegas.',
      'Pasal 2 — Pembiayaan: Ditunda.',
      'Catatan: Menunggu surat Kemenkeu.',
      'Pasal 3 — Jangka Waktu: Disepakati.',
      'C. Perubahan Naskah dalam Rapat',
      'Pasal 1 — Maksud dan Tujuan (Diubah)',
      'Semula: Maksud dan Tujuan Kerja sama pengelolaan data kependudukan.',
      'Menjadi: Maksud dan Tujuan Rapat menyepakati Kerja sama pengelolaan data kependudukan.',
      'D. Tindak Lanjut',
      'Pasal 2 — Pembiayaan: ditunda.',
      'Ditindaklanjuti oleh: Biro Keuangan Pihak A',
      `Hasil rapat dituangkan dalam Revisi ${closedRevision}`,
    ]);
    expect(normalise(text)).not.toContain('DRAF');
  });

  it('says the same in the DOCX', async () => {
    const { id, mid, closedRevision } = await heldMeeting();
    const docx = await download(id, mid, 'docx', t.cast.reviewer.token);
    expect(docx.status).toBe(200);
    expectInOrder(await docxText(docx.body), [
      'BERITA ACARA RAPAT PENYELARASAN',
      'Tempat: Aula Gedung Sate',
      t.cast.partyA.name,
      t.cast.headA.name,
      t.cast.inspectorate.name,
      'Pasal 1 — Maksud dan Tujuan: Disepakati dengan perubahan.',
      'Pasal 2 — Pembiayaan: Ditunda.',
      'Pasal 3 — Jangka Waktu: Disepakati.',
      'Menjadi: Maksud dan Tujuan',
      'Ditindaklanjuti oleh: Biro Keuangan Pihak A',
      `Revisi ${closedRevision}`,
    ]);
  });

  it('is a draft while the meeting is open, and hidden from non-participants', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    const meeting = await t.call<Meeting>('POST', `/api/documents/${id}/meetings`, {
      token: t.cast.drafter.token,
      body: { title: 'Rapat terbuka', place: 'Daring', startsAt: '2026-12-02T03:00:00Z' },
    });
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, clauses[2].id, 0, 'Sementara: '),
    );
    const pdf = await download(id, meeting.body.id, 'pdf', t.cast.drafter.token);
    const pages = await pdfPages(pdf.body);
    for (const page of pages) expect(page).toContain('DRAF · Berita acara rapat penyelarasan');
    const text = pages.join(' ');
    expectInOrder(text, [
      'DRAF — rapat belum ditutup',
      'Pasal 3 — Jangka Waktu (Diubah)',
      'Menjadi: Jangka Waktu Sementara:',
    ]);
    expect((await download(id, meeting.body.id, 'pdf', t.cast.outsider.token)).status).toBe(404);
    expect((await download(id, meeting.body.id, 'docx', t.cast.outsider.token)).status).toBe(404);
  });

  it('answers 413 rather than render a berita acara past its bound', async () => {
    const many = Array.from({ length: 70 }, (_, i) => `Pasal ${i + 1}\nJudul ${i + 1}\nIsi.`);
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: many.join('\n') });
    await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    const meeting = await t.call<Meeting>('POST', `/api/documents/${id}/meetings`, {
      token: t.cast.drafter.token,
      body: { title: 'Rapat panjang', place: 'Daring', startsAt: '2026-12-03T03:00:00Z' },
    });
    for (const clause of clauses) {
      const res = await t.call(
        'PUT',
        `/api/documents/${id}/meetings/${meeting.body.id}/decisions/${clause.id}`,
        {
          token: t.cast.drafter.token,
          body: { decision: 'ditunda', note: 'n'.repeat(5000) },
        },
      );
      expect(res.status).toBe(200);
    }
    const pdf = await download(id, meeting.body.id, 'pdf', t.cast.drafter.token);
    expect(pdf.status).toBe(413);
    expect(JSON.parse(pdf.body.toString('utf8'))).toMatchObject({ error: { code: 'too_large' } });
  });
});
