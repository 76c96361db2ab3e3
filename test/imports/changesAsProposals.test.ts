import { renderDocx } from '../../server/exports/docx';
import { readDocx } from '../../server/imports/docx';
import { readResponseFile } from '../../server/responses/responseFile';
import type { Clause } from '../../shared/clauses';
import { buildExportModel } from '../support/exportModel';
import { bodyOf, partsOf, setBody, trackReplace, zipParts } from '../responses/wordEdits';
import { serverWithCast } from '../support/server';
import { redlinedDraft, uploadDraft } from './wordFiles';

// `?changes=proposals` (issue 16): a Word draft still holding tracked changes and comments
// becomes a document of the text before the changes, its changes filed as usulan redaksi and
// its comments as comments through the responses module, so nothing is flattened and nothing
// is lost.

const t = serverWithCast();

interface Filed {
  id: string;
  clauseId: string;
  body: string;
  proposal: { heading: string; text: string } | null;
}

describe('?changes=proposals', () => {
  it('creates the document from the original text and files the changes as proposals, the comment as a comment', async () => {
    const res = await uploadDraft(t, await redlinedDraft(), '?changes=proposals');
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    const token = t.cast.drafter.token;
    const clauses = (await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token })).body;
    // The live text is the text before the changes, as with ?changes=original.
    expect(clauses.map((c) => c.text)).toEqual([
      '(1) Nota Kesepakatan ini berlaku 3 (tiga) tahun.\n(2) Dapat diperpanjang.',
      'Pelaksanaan dikoordinasikan bersama.\nPerpanjangan disepakati tertulis.',
    ]);
    // Filed, the changes and the comment are no loss.
    expect(res.body.losses).toEqual([]);
    const response = res.body.response as {
      proposals: Filed[];
      comments: Filed[];
      unmatched: unknown[];
    };
    const byClause = new Map(response.proposals.map((p) => [p.clauseId, p.proposal!.text]));
    expect(byClause.get(clauses[0].id)).toBe(
      [
        '(1) Nota Kesepakatan ini berlaku 5 (lima) tahun.',
        '(2) Ayat sisipan mitra.',
        '(3) Dapat diperpanjang. Perpanjangan disepakati tertulis.',
      ].join('\n'),
    );
    expect(byClause.get(clauses[1].id)).toBe('Pelaksanaan dikoordinasikan bersama.');
    expect(response.comments).toEqual([
      expect.objectContaining({
        clauseId: clauses[1].id,
        body: expect.stringContaining('Mohon dijelaskan siapa koordinatornya.'),
      }),
    ]);
    // They are the document's comments, as any other.
    const stored = await t.call<Filed[]>('GET', `/api/documents/${id}/comments`, { token });
    expect(stored.body.map((c) => c.id).sort()).toEqual(
      [...response.proposals, ...response.comments].map((c) => c.id).sort(),
    );
  });

  it('refuses a Selaras export with tracked changes before storing anything: it is a response to its own document', async () => {
    const parts = partsOf(await renderDocx(buildExportModel()));
    setBody(parts, trackReplace(bodyOf(parts), '3 (tiga) tahun', '5 (lima) tahun', 'Mitra'));
    const token = t.cast.drafter.token;
    const before = (await t.call<unknown[]>('GET', '/api/documents', { token })).body.length;
    const res = await uploadDraft(t, zipParts(parts), '?changes=proposals');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ message: expect.stringMatching(/tanggapan/) });
    expect((await t.call<unknown[]>('GET', '/api/documents', { token })).body.length).toBe(before);
    // Taken as its original text instead, it imports.
    const original = await uploadDraft(t, zipParts(parts), '?changes=original');
    expect(original.status).toBe(201);
  });

  it('reads the file once: the import hands the responses module the very reading a response upload makes', async () => {
    const file = await redlinedDraft();
    const read = await readDocx(file, { changes: 'proposals' });
    expect(read.response).toEqual(readResponseFile(file));
    // The naskah is that reading's original view: "3 (tiga)" before the change, not "5 (lima)".
    const before = read.response!.paragraphs.map((p) => p.original).join('\n');
    expect(before).toContain('berlaku 3 (tiga) tahun');
    expect(read.doc.textContent).toContain('berlaku 3 (tiga) tahun');
    expect(read.doc.textContent).not.toContain('5 (lima)');
    // Taken as the original text only, nothing is handed on.
    expect((await readDocx(file, { changes: 'original' })).response).toBeUndefined();
  });
});
