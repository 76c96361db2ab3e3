import { ayatNumbering } from '../support/wordNumbering';
import { FRAGMENT } from '../../server/documents/text';
import { findClauseElement } from '../../server/comments/proposal';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { serverWithCast } from '../support/server';
import { draftDocument } from '../support/factories';
import { clauseElement, edit } from '../support/text';
import type { Clause } from '../../shared/clauses';
import {
  addWordComment,
  bodyOf,
  partsOf,
  setBody,
  trackNewParagraphAfter,
  trackReplace,
  zipParts,
} from './wordEdits';
import { exportedDocx, uploadResponse, type ResponseBody } from './calls';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Nota ini dimaksudkan sebagai pedoman kerja sama.',
  'Pasal 2',
  'Ruang Lingkup',
  '(1) Ruang lingkup meliputi pertukaran data.',
  '(2) Jangka waktu kerja sama 3 (tiga) tahun.',
  'Pasal 3',
  'Penutup',
  'Nota ini berlaku sejak ditandatangani.',
].join('\n');

/** A drafted document at revision 1, and its clauses. */
async function revisedDocument(text = PLAIN) {
  const { id } = await draftDocument(t.call, t.cast, { title: 'Nota tanggapan', text });
  const cut = await t.call<{ clauses: Clause[] }>('POST', `/api/documents/${id}/revisions`, {
    token: t.cast.drafter.token,
    body: {},
  });
  expect(cut.status).toBe(201);
  return { id, clauses: cut.body.clauses };
}

const exported = (id: string, revision = 1) => exportedDocx(t, id, revision);
const upload = (id: string, file: Buffer, token: string, preview = false, name?: string) =>
  uploadResponse(t, id, file, token, preview, name);

const liveClauses = async (id: string) =>
  (await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: t.cast.drafter.token }))
    .body;

// Editing sessions of the live text are audited when they end, whenever that is: they are
// left out, so the counts say only what a response stored.
const counts = async (id: string) => {
  const { rows } = await t.server.db.query<{ comments: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM comments WHERE document_id = $1) AS comments,
            (SELECT count(*)::int FROM audit_events WHERE kind <> 'edit') AS events`,
    [id],
  );
  return rows[0];
};

/** Inserts a new Pasal before the first one in the live text, as a drafter would. */
async function insertPasalFirst(id: string, clauses: Clause[]) {
  await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) => {
    const first = findClauseElement(ydoc, clauses[0].id)!;
    const fragment = ydoc.getXmlFragment(FRAGMENT);
    const at = fragment.toArray().indexOf(first);
    fragment.insert(at, [
      clauseElement(globalThis.crypto.randomUUID(), 'Definisi', ['Dalam nota ini yang dimaksud.']),
    ]);
  });
}

describe('a response edited in Word', () => {
  it('comes back as a proposal and a comment on the right Pasal after a Pasal was inserted before them, and accepting applies exactly the tracked change', async () => {
    const { id, clauses } = await revisedDocument();
    const file = partsOf(await exported(id));
    await insertPasalFirst(id, clauses);
    const before = await liveClauses(id);
    expect(before.map((c) => c.heading)).toEqual([
      'Definisi',
      'Maksud',
      'Ruang Lingkup',
      'Penutup',
    ]);

    setBody(file, trackReplace(bodyOf(file), '3 (tiga)', '5 (lima)', 'Biro Hukum Pihak B'));
    addWordComment(file, 'berlaku sejak', 'Ahmad Fauzi', 'Mohon tanggal berlakunya dipertegas.');
    const docx = zipParts(file);
    const stored = await counts(id);

    const preview = await upload(id, docx, t.cast.headB.token, true);
    expect(preview.status).toBe(200);
    const expectedText = [
      '(1) Ruang lingkup meliputi pertukaran data.',
      '(2) Jangka waktu kerja sama 5 (lima) tahun.',
    ].join('\n');
    expect(preview.body.proposals).toEqual([
      expect.objectContaining({
        id: null,
        clauseId: clauses[1].id,
        proposal: { heading: 'Ruang Lingkup', text: expectedText },
        body: expect.stringContaining('perubahan terlacak oleh Biro Hukum Pihak B'),
      }),
    ]);
    expect(preview.body.comments).toEqual([
      expect.objectContaining({
        clauseId: clauses[2].id,
        body: expect.stringMatching(
          /^Komentar Word dari Ahmad Fauzi: Mohon tanggal berlakunya dipertegas\.\n\(pada “berlaku sejak”\)$/,
        ),
        proposal: null,
      }),
    ]);
    expect(preview.body.unmatched).toEqual([]);
    // The dry run stored nothing.
    expect(await counts(id)).toEqual(stored);
    expect(stored.comments).toBe(0);

    const sent = await upload(id, docx, t.cast.headB.token);
    expect(sent.status).toBe(201);
    expect(sent.body.proposals).toHaveLength(1);
    expect(sent.body.comments).toHaveLength(1);
    const [proposal] = sent.body.proposals;
    expect(proposal).toMatchObject({
      clauseId: clauses[1].id,
      author: { id: t.cast.headB.id },
      proposal: { heading: 'Ruang Lingkup', text: expectedText },
      resolved: false,
    });
    expect(await counts(id)).toEqual({ comments: 2, events: stored.events + 3 });
    const audit = await t.call<{ kind: string; data: Record<string, unknown> }[]>(
      'GET',
      `/api/documents/${id}/audit`,
      { token: t.cast.drafter.token },
    );
    expect(audit.body.at(-1)).toMatchObject({
      kind: 'response.uploaded',
      data: { proposals: 1, comments: 1, unmatched: 0, revision: 1 },
    });
    // The drafters' inbox holds the proposal, as for one typed in the comment panel.
    const inbox = await t.call<{ kind: string; commentId?: string }[]>('GET', '/api/inbox', {
      token: t.cast.drafter.token,
    });
    expect(inbox.body).toContainEqual(
      expect.objectContaining({ kind: 'proposal_pending', commentId: proposal.id }),
    );
    // Nothing changed the live text.
    expect(await liveClauses(id)).toEqual(before);

    const accepted = await t.call('POST', `/api/documents/${id}/comments/${proposal.id}/accept`, {
      token: t.cast.drafter.token,
      body: {},
    });
    expect(accepted.status).toBe(200);
    const after = await liveClauses(id);
    expect(after).toEqual(
      before.map((c) => (c.id === clauses[1].id ? { ...c, text: expectedText } : c)),
    );
  });

  it('carries the tracked change onto a Pasal a drafter edited elsewhere since the export', async () => {
    const { id, clauses } = await revisedDocument();
    const file = partsOf(await exported(id));
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, clauses[1].id, 'Ruang lingkup'.length, ' kerja sama'),
    );
    setBody(file, trackReplace(bodyOf(file), '3 (tiga)', '5 (lima)', 'Pihak B'));
    const sent = await upload(id, zipParts(file), t.cast.reviewer.token);
    expect(sent.status).toBe(201);
    const text = [
      '(1) Ruang lingkup kerja sama meliputi pertukaran data.',
      '(2) Jangka waktu kerja sama 5 (lima) tahun.',
    ].join('\n');
    expect(sent.body.proposals[0].proposal).toEqual({ heading: 'Ruang Lingkup', text });
    const accepted = await t.call(
      'POST',
      `/api/documents/${id}/comments/${sent.body.proposals[0].id}/accept`,
      { token: t.cast.drafter.token, body: {} },
    );
    expect(accepted.status).toBe(200);
    expect((await liveClauses(id))[1].text).toBe(text);
  });

  it('reads a new ayat added as a tracked paragraph, and plainly changed wording, as proposals', async () => {
    const { id, clauses } = await revisedDocument();
    const file = partsOf(await exported(id));
    let xml = trackNewParagraphAfter(
      bodyOf(file),
      'kerja sama 3 (tiga) tahun.',
      '(3)\tKerja sama dapat diperpanjang.',
      'Pihak B',
    );
    // Wording changed without track changes (the reader forgot to turn them on).
    xml = xml.replace('pedoman kerja sama.', 'pedoman kerja sama kedua pihak.');
    setBody(file, xml);
    const sent = await upload(id, zipParts(file), t.cast.headA.token);
    expect(sent.status).toBe(201);
    const byClause = Object.fromEntries(sent.body.proposals.map((p) => [p.clauseId, p]));
    expect(byClause[clauses[0].id].proposal).toEqual({
      heading: 'Maksud',
      text: 'Nota ini dimaksudkan sebagai pedoman kerja sama kedua pihak.',
    });
    expect(byClause[clauses[0].id].body).toContain('tanpa pelacakan');
    expect(byClause[clauses[1].id].proposal).toEqual({
      heading: 'Ruang Lingkup',
      text: `${clauses[1].text}\n(3) Kerja sama dapat diperpanjang.`,
    });
    const accepted = await t.call(
      'POST',
      `/api/documents/${id}/comments/${byClause[clauses[1].id].id}/accept`,
      { token: t.cast.drafter.token, body: {} },
    );
    expect(accepted.status).toBe(200);
    expect((await liveClauses(id))[1].text).toBe(
      `${clauses[1].text}\n(3) Kerja sama dapat diperpanjang.`,
    );
  });

  it('reports what it cannot place: a Pasal typed into the file, a comment outside every Pasal, changes in the signature block', async () => {
    const { id, clauses } = await revisedDocument();
    const file = partsOf(await exported(id));
    let xml = trackNewParagraphAfter(
      bodyOf(file),
      'berlaku sejak ditandatangani.',
      'Pasal 4',
      'Pihak B',
    );
    xml = trackNewParagraphAfter(xml, 'Pasal 4', 'Kerahasiaan', 'Pihak B');
    xml = trackReplace(xml, 'PIHAK KEDUA,', 'PIHAK KEDUA:', 'Pihak B');
    setBody(file, xml);
    addWordComment(file, 'PIHAK KESATU,', 'Sekretariat', 'Paraf kami belum lengkap.');
    const before = await counts(id);
    const preview = await upload(id, zipParts(file), t.cast.headB.token, true);
    expect(preview.status).toBe(200);
    expect(preview.body.proposals).toEqual([]);
    expect(preview.body.unmatched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'pasal',
          text: 'Pasal 4\nKerahasiaan',
          reason: expect.stringMatching(/Pasal 4 dalam berkas tidak ada dalam revisi 1/),
        }),
        expect.objectContaining({ kind: 'teks', text: 'PIHAK KEDUA:' }),
        expect.objectContaining({
          kind: 'komentar',
          text: 'Sekretariat: Paraf kami belum lengkap.',
          reason: expect.stringMatching(/tidak tertambat/),
        }),
      ]),
    );
    expect(preview.body.unmatched).toHaveLength(3);
    expect(await counts(id)).toEqual(before);
    expect(clauses).toHaveLength(3);
  });

  it('keeps a reference renumbered in Selaras since the export: the proposal carries the new label and accepting keeps the rujukan', async () => {
    const text = [
      'Pasal 1',
      'Maksud',
      'Nota ini dimaksudkan sebagai pedoman kerja sama.',
      'Pasal 2',
      'Ruang Lingkup',
      'Ruang lingkup meliputi pertukaran data.',
      'Pasal 3',
      'Pelaksanaan',
      'Pelaksanaan ruang lingkup sebagaimana dimaksud dalam Pasal 2 dilakukan bersama.',
    ].join('\n');
    const { id, clauses } = await revisedDocument(text);
    expect(clauses[2].cites).toEqual([clauses[1].id]);
    const file = partsOf(await exported(id));
    await insertPasalFirst(id, clauses);
    setBody(
      file,
      trackReplace(
        bodyOf(file),
        'dilakukan bersama.',
        'dilakukan bersama secara berkala.',
        'Pihak B',
      ),
    );
    const sent = await upload(id, zipParts(file), t.cast.headB.token);
    expect(sent.status).toBe(201);
    const wording =
      'Pelaksanaan ruang lingkup sebagaimana dimaksud dalam Pasal 3 dilakukan bersama secara berkala.';
    expect(sent.body.proposals).toEqual([
      expect.objectContaining({
        clauseId: clauses[2].id,
        proposal: { heading: 'Pelaksanaan', text: wording },
      }),
    ]);
    const accepted = await t.call(
      'POST',
      `/api/documents/${id}/comments/${sent.body.proposals[0].id}/accept`,
      { token: t.cast.drafter.token, body: {} },
    );
    expect(accepted.status).toBe(200);
    const live = (await liveClauses(id)).find((c) => c.id === clauses[2].id)!;
    expect(live).toMatchObject({ text: wording, cites: [clauses[1].id] });
  });

  it('proposes changes to the pembukaan and the penutup and anchors Word comments there; both are accepted line by line', async () => {
    const { id } = await draftDocument(t.call, t.cast, { title: 'Nota templat' });
    const cut = await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    expect(cut.status).toBe(201);
    const file = partsOf(await exported(id));
    let xml = trackReplace(
      bodyOf(file),
      'secara bersama-sama disebut',
      'bersama-sama disebut',
      'Pihak B',
    );
    xml = trackReplace(xml, 'itikad baik', 'iktikad baik', 'Pihak B');
    setBody(file, xml);
    addWordComment(
      file,
      'yang bertanda tangan di bawah ini',
      'Ahmad Fauzi',
      'Jabatan penandatangan perlu disesuaikan.',
    );
    const sent = await upload(id, zipParts(file), t.cast.headB.token);
    expect(sent.status).toBe(201);
    expect(sent.body.unmatched).toEqual([]);
    const byPart = Object.fromEntries(sent.body.proposals.map((p) => [p.clauseId, p]));
    expect(Object.keys(byPart).sort()).toEqual(['pembukaan', 'penutup']);
    expect(byPart.pembukaan.proposal?.text).toContain(
      'PIHAK KEDUA yang selanjutnya bersama-sama disebut PARA PIHAK',
    );
    expect(byPart.penutup.proposal?.text).toContain('dengan iktikad baik');
    expect(sent.body.comments).toEqual([
      expect.objectContaining({
        clauseId: 'pembukaan',
        body: expect.stringMatching(/^Komentar Word dari Ahmad Fauzi: Jabatan/),
      }),
    ]);
    const printed = async () =>
      (await t.call<string>('GET', `/api/documents/${id}/text`, { token: t.cast.drafter.token }))
        .body;
    const before = await printed();
    const accept = (commentId: string | null) =>
      t.call<{ error?: { message: string } }>(
        'POST',
        `/api/documents/${id}/comments/${commentId}/accept`,
        {
          token: t.cast.drafter.token,
          body: {},
        },
      );
    expect((await accept(byPart.pembukaan.id)).status).toBe(200);
    expect(await printed()).toBe(
      before.replace('secara bersama-sama disebut', 'bersama-sama disebut'),
    );
    // The template's penutup holds the Lampiran: its closing line is changed all the same.
    expect((await accept(byPart.penutup.id)).status).toBe(200);
    expect(await printed()).toBe(
      before
        .replace('secara bersama-sama disebut', 'bersama-sama disebut')
        .replace('dengan itikad baik', 'dengan iktikad baik'),
    );
  });

  it("reads a tracked-changes export (changesSince) with Selaras's own changes as the revision's text: only the reader's become proposals", async () => {
    const { id, clauses } = await revisedDocument();
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) => {
      edit.typeInParagraph(ydoc, clauses[1].id, '(1) Ruang lingkup'.length - 4, ' kerja sama');
      edit.remove(ydoc, clauses[2].id);
    });
    const second = await t.call<{ clauses: Clause[] }>('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    expect(second.status).toBe(201);
    const res = await fetch(
      `${t.server.url}/api/documents/${id}/export.docx?revision=2&changesSince=1`,
      { headers: { authorization: `Bearer ${t.cast.headB.token}` } },
    );
    expect(res.status).toBe(200);
    const file = partsOf(Buffer.from(await res.arrayBuffer()));
    expect(bodyOf(file)).toMatch(/<w:ins [^>]*w:author="Selaras"/);
    expect(bodyOf(file)).toMatch(/<w:del [^>]*w:author="Selaras"/);
    setBody(file, trackReplace(bodyOf(file), '3 (tiga)', '5 (lima)', 'Pihak B'));
    const sent = await upload(id, zipParts(file), t.cast.headB.token, true);
    expect(sent.status).toBe(200);
    expect(sent.body.proposals).toEqual([
      expect.objectContaining({
        clauseId: clauses[1].id,
        proposal: {
          heading: 'Ruang Lingkup',
          text: second.body.clauses[1].text.replace('3 (tiga)', '5 (lima)'),
        },
        body: expect.stringContaining('(perubahan terlacak oleh Pihak B), terhadap revisi 2'),
      }),
    ]);
    expect(second.body.clauses[1].text).toContain('Ruang lingkup kerja sama');
    expect(sent.body.unmatched).toEqual([]);
  });

  it('matches a file made outside Selaras by aligning its Pasal (one inserted, numbers shifted, Word list numbers)', async () => {
    const { id, clauses } = await revisedDocument();
    const change = { author: 'Pihak B', date: '2026-11-30T09:00:00Z' };
    const line = (text: string) => new Paragraph({ text });
    const ayat = (children: (TextRun | InsertedTextRun | DeletedTextRun)[]) =>
      new Paragraph({ numbering: { reference: 'ayat', level: 0 }, children });
    const file = await Packer.toBuffer(
      new Document({
        numbering: ayatNumbering(),
        comments: {
          children: [
            {
              id: 1,
              author: 'Ahmad Fauzi',
              date: new Date(),
              children: [line('Mohon dipertegas.')],
            },
            {
              id: 2,
              author: 'Ahmad Fauzi',
              date: new Date(),
              children: [line('Pasal baru kami.')],
            },
          ],
        },
        sections: [
          {
            children: [
              line('NOTA KESEPAKATAN'),
              line('Pasal 1'),
              line('Maksud'),
              line('Nota ini dimaksudkan sebagai pedoman kerja sama.'),
              line('Pasal 2'),
              line('Kerahasiaan'),
              new Paragraph({
                children: [
                  new CommentRangeStart(2),
                  new TextRun('Para pihak menjaga kerahasiaan data.'),
                  new CommentRangeEnd(2),
                  new TextRun({ children: [new CommentReference(2)] }),
                ],
              }),
              line('Pasal 3'),
              line('Ruang Lingkup'),
              ayat([new TextRun('Ruang lingkup meliputi pertukaran data.')]),
              ayat([
                new TextRun('Jangka waktu kerja sama '),
                new DeletedTextRun({ text: '3 (tiga)', id: 11, ...change }),
                new InsertedTextRun({ text: '5 (lima)', id: 12, ...change }),
                new TextRun(' tahun.'),
              ]),
              line('Pasal 4'),
              line('Penutup'),
              new Paragraph({
                children: [
                  new TextRun('Nota ini '),
                  new CommentRangeStart(1),
                  new TextRun('berlaku'),
                  new CommentRangeEnd(1),
                  new TextRun({ children: [new CommentReference(1)] }),
                  new TextRun(' sejak tanggal ditandatangani.'),
                ],
              }),
              line('Demikian nota kesepakatan ini dibuat.'),
            ],
          },
        ],
      }),
    );
    const sent = await upload(id, file, t.cast.headB.token, false, 'draf-pihak-b.docx');
    expect(sent.status).toBe(201);
    const byClause = Object.fromEntries(sent.body.proposals.map((p) => [p.clauseId, p.proposal]));
    expect(byClause).toEqual({
      [clauses[1].id]: {
        heading: 'Ruang Lingkup',
        text: '(1) Ruang lingkup meliputi pertukaran data.\n(2) Jangka waktu kerja sama 5 (lima) tahun.',
      },
      [clauses[2].id]: {
        heading: 'Penutup',
        text: 'Nota ini berlaku sejak tanggal ditandatangani.',
      },
    });
    expect(sent.body.comments).toEqual([
      expect.objectContaining({
        clauseId: clauses[2].id,
        body: 'Komentar Word dari Ahmad Fauzi: Mohon dipertegas.\n(pada “berlaku”)',
      }),
    ]);
    expect(sent.body.unmatched).toEqual([
      expect.objectContaining({
        kind: 'pasal',
        text: 'Pasal 2\nKerahasiaan\nPara pihak menjaga kerahasiaan data.',
        reason: expect.stringMatching(/Pasal 2 dalam berkas tidak cocok .* revisi 1/),
      }),
      expect.objectContaining({
        kind: 'komentar',
        text: 'Ahmad Fauzi: Pasal baru kami.',
        reason: expect.stringMatching(/tidak cocok dengan naskah/),
      }),
    ]);
  });

  it('answers 409 for a file exported from another document and for a final document, 400 without a file', async () => {
    const { id } = await revisedDocument();
    const other = await revisedDocument();
    const foreign = await exported(other.id);
    expect((await upload(id, foreign, t.cast.reviewer.token)).status).toBe(409);
    const form = new FormData();
    const none = await fetch(`${t.server.url}/api/documents/${id}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.cast.reviewer.token}` },
      body: form,
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as ResponseBody).error?.message).toMatch(/Pilih berkas/);
    await t.server.db.query(`UPDATE documents SET status = 'final' WHERE id = $1`, [id]);
    const final = await upload(id, await exported(id), t.cast.reviewer.token);
    expect(final.status).toBe(409);
    expect(final.body.error?.message).toMatch(/final/);
  });

  it('is refused to an admin of no participating agency (403) and hidden from an outsider (404)', async () => {
    const { id } = await revisedDocument();
    const file = await exported(id);
    expect((await upload(id, file, t.cast.admin.token)).status).toBe(403);
    expect((await upload(id, file, t.cast.outsider.token)).status).toBe(404);
  });
});
