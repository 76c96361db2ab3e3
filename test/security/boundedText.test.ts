import { randomUUID } from 'node:crypto';
import { insertComment } from '../../server/comments/queries';
import type { Clause } from '../../shared/clauses';
import { MAX_CLAUSE_LINES, MAX_CLAUSES, MAX_TEXT_LINES } from '../../shared/limits';
import { draftDocument } from '../support/factories';
import { serverWithCast } from '../support/server';

const suite = serverWithCast();

const countDocuments = async () =>
  (await suite.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0]
    .n;

const clausesOf = async (id: string) =>
  (
    await suite.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: suite.cast.drafter.token,
    })
  ).body;

describe('one set of text limits for REST, import and proposals', () => {
  it.each([
    [
      `${MAX_CLAUSES + 1} Pasal`,
      (i: number) => `Pasal ${i + 1}\nJudul\nIsi.`,
      MAX_CLAUSES + 1,
      /Pasal/,
    ],
    [`${MAX_TEXT_LINES + 1} lines`, () => 'Baris pembukaan.', MAX_TEXT_LINES + 1, /baris/],
    [
      `a Pasal of ${MAX_CLAUSE_LINES + 1} paragraphs`,
      (i: number) => (i === 0 ? 'Pasal 1\nJudul' : 'Ayat.'),
      MAX_CLAUSE_LINES + 2,
      /paragraf/,
    ],
  ])('refuses a plain-text draft of %s (400) and stores nothing', async (_what, line, n, why) => {
    const before = await countDocuments();
    const text = Array.from({ length: n }, (_, i) => line(i)).join('\n');
    const res = await suite.call<{ error: { code: string; details: unknown } }>(
      'POST',
      '/api/documents',
      {
        token: suite.cast.drafter.token,
        body: {
          title: 'Terlalu besar',
          parties: [suite.cast.partyA.code, suite.cast.partyB.code],
          text,
        },
      },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toMatch(why);
    expect(await countDocuments()).toBe(before);
  });

  it(`refuses an usulan redaksi of more than ${MAX_CLAUSE_LINES} paragraphs (400) and stores no comment`, async () => {
    const { id, clauses } = await draftDocument(suite.call, suite.cast);
    const res = await suite.call('POST', `/api/documents/${id}/comments`, {
      token: suite.cast.reviewer.token,
      body: {
        clauseId: clauses[0].id,
        body: 'Usulan',
        proposal: { text: Array.from({ length: 16_000 }, () => 'a').join('\n') },
      },
    });
    expect(res.status).toBe(400);
    const { rows } = await suite.server.db.query('SELECT 1 FROM comments WHERE document_id = $1', [
      id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses (413) to accept a stored 16,000-line proposal, and the text stays as it was', async () => {
    const { id, clauses } = await draftDocument(suite.call, suite.cast);
    const clause = clauses[0];
    // A proposal stored before the limits existed: written straight into the table.
    const commentId = randomUUID();
    await insertComment(suite.server.db, {
      id: commentId,
      documentId: id,
      clauseId: clause.id,
      parentId: null,
      body: 'Usulan lama',
      authorId: suite.cast.reviewer.id,
      proposal: { text: Array.from({ length: 16_000 }, () => 'b').join('\n') },
      proposalBase: { heading: clause.heading, text: clause.text },
    });
    // Refused by the limit check before any edit (speed is the bench's business, not a test's).
    const res = await suite.call<{ error: { code: string; message: string } }>(
      'POST',
      `/api/documents/${id}/comments/${commentId}/accept`,
      { token: suite.cast.drafter.token },
    );
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/paragraf/);
    expect(await clausesOf(id)).toEqual(clauses);
  });

  it(`accepts an usulan redaksi of ${MAX_CLAUSE_LINES} paragraphs`, async () => {
    const { id, clauses } = await draftDocument(suite.call, suite.cast);
    const text = Array.from({ length: MAX_CLAUSE_LINES }, (_, i) => `Ayat ${i} baru.`).join('\n');
    const made = await suite.call<{ id: string }>('POST', `/api/documents/${id}/comments`, {
      token: suite.cast.reviewer.token,
      body: { clauseId: clauses[0].id, body: 'Usulan', proposal: { text } },
    });
    expect(made.status).toBe(201);
    const res = await suite.call('POST', `/api/documents/${id}/comments/${made.body.id}/accept`, {
      token: suite.cast.drafter.token,
    });
    expect(res.status).toBe(200);
    expect((await clausesOf(id))[0].text).toBe(text);
  });
});
