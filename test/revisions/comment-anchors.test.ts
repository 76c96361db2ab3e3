import * as Y from 'yjs';
import { serverWithCast } from '../support/server';
import { draftDocument } from '../support/factories';
import { connectClient, paragraphText, waitFor } from '../collab/clients';

const t = serverWithCast();
jest.setTimeout(120_000);

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Para pihak sepakat bekerja sama dalam pelayanan publik.',
  'Pasal 2',
  'Penutup',
  'Berlaku sejak ditandatangani.',
].join('\n');

const encode = (text: Y.XmlText, index: number) =>
  Buffer.from(
    Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)),
  ).toString('base64');

type CommentView = {
  id: string;
  anchor: { start: string; end: string; quote: string; text: string } | null;
  error?: { message: string; details?: Record<string, string> };
};

/** The anchor of a range of words in the first paragraph of Pasal 1, as a reviewer's client sees it. */
async function anchorOn(id: string, words: string) {
  const client = await connectClient(t.server, id, t.cast.reviewer.token);
  const text = paragraphText(client.doc, 0);
  const at = text.toString().indexOf(words);
  expect(at).toBeGreaterThanOrEqual(0);
  const anchor = { start: encode(text, at), end: encode(text, at + words.length) };
  client.destroy();
  return anchor;
}

describe('comments on words', () => {
  it('anchors a comment to a range of words that survives concurrent edits around and inside it', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, {
      title: 'Uji rentang',
      text: PLAIN,
    });
    const anchor = await anchorOn(id, 'bekerja sama');
    const made = await t.call<CommentView>('POST', `/api/documents/${id}/comments`, {
      token: t.cast.reviewer.token,
      body: { clauseId: clauses[0].id, body: 'Apa bentuk kerja samanya?', anchor },
    });
    expect(made.status).toBe(201);
    expect(made.body.anchor).toMatchObject({ quote: 'bekerja sama', text: 'bekerja sama' });

    // Two drafters type at once: one before the words, one after them, each unaware of the other.
    const [a, b] = await Promise.all([
      connectClient(t.server, id, t.cast.drafter.token),
      connectClient(t.server, id, t.cast.drafter.token),
    ]);
    const textA = paragraphText(a.doc, 0);
    const textB = paragraphText(b.doc, 0);
    a.doc.transact(() => textA.insert(0, 'Dengan ini, '));
    b.doc.transact(() => textB.insert(textB.toString().indexOf('dalam'), 'secara erat '));
    const expected =
      'Dengan ini, Para pihak sepakat bekerja sama secara erat dalam pelayanan publik.';
    await waitFor(
      () => textA.toString() === expected && textB.toString() === expected,
      'both edits merged',
    );
    const list = async () =>
      (
        await t.call<CommentView[]>('GET', `/api/documents/${id}/comments`, {
          token: t.cast.reviewer.token,
        })
      ).body;
    await waitFor(
      async () => (await list())[0]?.anchor?.text === 'bekerja sama',
      'the anchor after the edits',
    );

    // An edit inside the range is part of it; deleting the words empties it but keeps the quote.
    a.doc.transact(() => textA.insert(textA.toString().indexOf('sama'), 'lebih '));
    await waitFor(
      async () => (await list())[0]?.anchor?.text === 'bekerja lebih sama',
      'an edit inside',
    );
    const at = textA.toString().indexOf('bekerja lebih sama');
    a.doc.transact(() => textA.delete(at, 'bekerja lebih sama'.length));
    await waitFor(async () => (await list())[0]?.anchor?.text === '', 'the words deleted');
    expect((await list())[0].anchor?.quote).toBe('bekerja sama');
    a.destroy();
    b.destroy();
  });

  it('refuses an anchor outside the commented Pasal or that is no position', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, {
      title: 'Uji rentang',
      text: PLAIN,
    });
    const anchor = await anchorOn(id, 'pelayanan');
    const other = await t.call<CommentView>('POST', `/api/documents/${id}/comments`, {
      token: t.cast.reviewer.token,
      body: { clauseId: clauses[1].id, body: 'Salah pasal', anchor },
    });
    expect(other.status).toBe(400);
    expect(other.body.error?.details?.anchor).toMatch(/tidak berada pada pasal ini/);
    const garbage = await t.call<CommentView>('POST', `/api/documents/${id}/comments`, {
      token: t.cast.reviewer.token,
      body: { clauseId: clauses[0].id, body: 'Sampah', anchor: { start: 'AAAA', end: 'AAAA' } },
    });
    expect(garbage.status).toBe(400);
  });

  it('refuses new comments on a final naskah with 409 saying why', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, {
      title: 'Uji final',
      text: PLAIN,
    });
    await t.server.db.query(`UPDATE documents SET status = 'final' WHERE id = $1`, [id]);
    const res = await t.call<CommentView>('POST', `/api/documents/${id}/comments`, {
      token: t.cast.reviewer.token,
      body: { clauseId: clauses[0].id, body: 'Terlambat' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/sudah final/);
  });
});
