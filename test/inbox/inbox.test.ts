import type { InboxItem } from '../../shared/inbox';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser, type TestUser } from '../support/factories';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Nota ini dimaksudkan sebagai pedoman kerja sama.',
  'Pasal 2',
  'Kerahasiaan',
  'Para pihak menjaga kerahasiaan data.',
].join('\n');

type Item = InboxItem;

let bureauReviewer: TestUser;
beforeAll(async () => {
  // The drafter's bureau participates and signs off too; a reviewer of it gives its paraf.
  bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
});

const inbox = async (user: { token: string }, documentId: string) => {
  const res = await t.call<Item[]>('GET', '/api/inbox', { token: user.token });
  expect(res.status).toBe(200);
  return res.body.filter((i) => i.documentId === documentId);
};
const kinds = async (user: { token: string }, documentId: string) =>
  (await inbox(user, documentId)).map((i) => i.kind).sort();

const cut = (id: string) =>
  t.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    token: t.cast.drafter.token,
    body: {},
  });
const sign = (id: string, n: number, user: { token: string }, decision = 'approve') =>
  t.call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, {
    token: user.token,
    body: { decision },
  });
const comment = (id: string, user: { token: string }, body: Record<string, unknown>) =>
  t.call<{ id: string }>('POST', `/api/documents/${id}/comments`, { token: user.token, body });

describe('GET /api/inbox', () => {
  it('needs a session', async () => {
    expect((await t.call('GET', '/api/inbox')).status).toBe(401);
  });

  it('asks every signing agency for its paraf once a revision is cut, and drops it once that agency approved', async () => {
    const { id } = await draftDocument(t.call, t.cast, { title: 'Uji kotak masuk', text: PLAIN });
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);
    expect((await cut(id)).status).toBe(201);

    const [item] = await inbox(t.cast.reviewer, id);
    expect(item).toMatchObject({
      kind: 'signoff_needed',
      documentId: id,
      title: 'Uji kotak masuk',
      revision: 1,
      status: 'pending',
    });
    expect(Number.isNaN(Date.parse(item.at))).toBe(false);
    expect(await kinds(t.cast.headA, id)).toEqual(['signoff_needed']);
    // Drafters do not give paraf; outsiders do not see the document at all.
    expect(await kinds(t.cast.drafter, id)).toEqual([]);
    expect(await kinds(t.cast.outsider, id)).toEqual([]);

    expect((await sign(id, 1, t.cast.reviewer)).status).toBe(201);
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);
    expect(await kinds(t.cast.headA, id)).toEqual(['signoff_needed']);

    // Changes requested on the latest revision is a decision: nothing waits on the agency...
    expect((await sign(id, 1, t.cast.headA, 'changes_requested')).status).toBe(201);
    expect(await kinds(t.cast.headA, id)).toEqual([]);
    // ... until a new revision answers them.
    expect((await cut(id)).status).toBe(201);
    expect(await inbox(t.cast.headA, id)).toEqual([
      expect.objectContaining({
        kind: 'signoff_needed',
        revision: 2,
        status: 'changes_requested',
      }),
    ]);
  });

  it('asks again with what changed when an approval went stale', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    await cut(id);
    await sign(id, 1, t.cast.reviewer);
    const proposal = await comment(id, t.cast.headB, {
      clauseId: clauses[1].id,
      body: 'Usulan redaksi.',
      proposal: { text: 'Para pihak menjaga kerahasiaan data dan informasi.' },
    });
    const accepted = await t.call(
      'POST',
      `/api/documents/${id}/comments/${proposal.body.id}/accept`,
      { token: t.cast.drafter.token },
    );
    expect(accepted.status).toBe(200);
    await cut(id);

    expect(await inbox(t.cast.reviewer, id)).toEqual([
      expect.objectContaining({
        kind: 'signoff_needed',
        revision: 2,
        status: 'stale',
        clauseId: clauses[1].id,
        clauseLabel: 'Pasal 2',
        changedClauses: [clauses[1].id],
        changedLabels: ['Pasal 2'],
      }),
    ]);
    await sign(id, 2, t.cast.reviewer);
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);
  });

  it('shows drafters each pending usulan redaksi until it is accepted or resolved', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const first = await comment(id, t.cast.reviewer, {
      clauseId: clauses[0].id,
      body: 'Usul.',
      proposal: { text: 'Nota ini menjadi pedoman kerja sama para pihak.' },
    });
    const second = await comment(id, t.cast.headA, {
      clauseId: clauses[1].id,
      body: 'Usul lain.',
      proposal: { text: 'Kerahasiaan dijaga.' },
    });
    await comment(id, t.cast.headA, { clauseId: clauses[1].id, body: 'Komentar biasa.' });

    const items = await inbox(t.cast.drafter, id);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'proposal_pending',
        commentId: second.body.id,
        clauseId: clauses[1].id,
      }),
      expect.objectContaining({
        kind: 'proposal_pending',
        commentId: first.body.id,
        clauseId: clauses[0].id,
        clauseLabel: 'Pasal baru',
      }),
    ]);
    // Only drafters accept proposals.
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);

    await t.call('POST', `/api/documents/${id}/comments/${first.body.id}/accept`, {
      token: t.cast.drafter.token,
    });
    await t.call('POST', `/api/documents/${id}/comments/${second.body.id}/resolve`, {
      token: t.cast.drafter.token,
    });
    expect(await kinds(t.cast.drafter, id)).toEqual([]);
  });

  it('shows a mention of an agency by @CODE or @name to its members until read or resolved', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const code = t.cast.inspectorate.code;
    const byCode = await comment(id, t.cast.headA, {
      clauseId: clauses[0].id,
      body: `Mohon @${code.toLowerCase()} memeriksa ayat ini.`,
    });
    const byName = await comment(id, t.cast.drafter, {
      clauseId: clauses[1].id,
      body: `Menunggu tanggapan @${t.cast.inspectorate.name}.`,
    });
    // An e-mail address and an agency that does not take part are no mentions.
    await comment(id, t.cast.headA, {
      clauseId: clauses[0].id,
      body: `Kirim ke admin@${code} dan @${t.cast.outside.code}.`,
    });

    const colleague = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    const mentions = (await inbox(t.cast.reviewer, id)).filter((i) => i.kind === 'mention');
    expect(mentions.map((m) => m.commentId)).toEqual([byName.body.id, byCode.body.id]);
    expect(mentions[1]).toMatchObject({ clauseId: clauses[0].id, documentId: id });
    expect((await inbox(colleague, id)).filter((i) => i.kind === 'mention')).toHaveLength(2);
    expect(await kinds(t.cast.headB, id)).toEqual([]);
    expect(await kinds(t.cast.outsider, id)).toEqual([]);

    // Reading a mention takes it out of the reader's inbox only.
    const read = await t.call('POST', `/api/documents/${id}/comments/${byCode.body.id}/read`, {
      token: t.cast.reviewer.token,
    });
    expect(read.status).toBe(204);
    expect((await inbox(t.cast.reviewer, id)).map((i) => i.commentId)).toEqual([byName.body.id]);
    expect((await inbox(colleague, id)).filter((i) => i.kind === 'mention')).toHaveLength(2);

    // Resolving the comment takes it out of everyone's.
    await t.call('POST', `/api/documents/${id}/comments/${byName.body.id}/resolve`, {
      token: t.cast.drafter.token,
    });
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);
    expect((await inbox(colleague, id)).map((i) => i.commentId)).toEqual([byCode.body.id]);
  });

  it('refuses to mark a mention read on a document the caller cannot see', async () => {
    const { id, clauses } = await draftDocument(t.call, t.cast, { text: PLAIN });
    const c = await comment(id, t.cast.headA, { clauseId: clauses[0].id, body: 'x' });
    const path = `/api/documents/${id}/comments/${c.body.id}/read`;
    expect((await t.call('POST', path, { token: t.cast.outsider.token })).status).toBe(404);
    expect(
      (
        await t.call('POST', `/api/documents/${id}/comments/bukan-uuid/read`, {
          token: t.cast.reviewer.token,
        })
      ).status,
    ).toBe(404);
  });

  it('tells each party head an approval is ready once every agency approved, until it approved', async () => {
    const { id } = await draftDocument(t.call, t.cast, { text: PLAIN });
    await cut(id);
    for (const user of [t.cast.reviewer, bureauReviewer, t.cast.headA])
      expect((await sign(id, 1, user)).status).toBe(201);
    expect(await kinds(t.cast.headA, id)).toEqual([]);
    expect(await kinds(t.cast.headB, id)).toEqual(['signoff_needed']);
    await sign(id, 1, t.cast.headB);

    expect(await inbox(t.cast.headA, id)).toEqual([
      expect.objectContaining({ kind: 'approval_ready', revision: 1 }),
    ]);
    expect(await kinds(t.cast.headB, id)).toEqual(['approval_ready']);
    // Reviewing agencies do not approve the final version.
    expect(await kinds(t.cast.reviewer, id)).toEqual([]);

    const approved = await t.call('POST', `/api/documents/${id}/approve`, {
      token: t.cast.headA.token,
      body: { revision: 1 },
    });
    expect(approved.status).toBe(200);
    expect(await kinds(t.cast.headA, id)).toEqual([]);
    expect(await kinds(t.cast.headB, id)).toEqual(['approval_ready']);

    // The last party's approval makes the document final: nothing about it waits on anyone.
    const last = await t.call<{ status: string }>('POST', `/api/documents/${id}/approve`, {
      token: t.cast.headB.token,
      body: { revision: 1 },
    });
    expect(last.body.status).toBe('final');
    for (const user of [t.cast.headA, t.cast.headB, t.cast.reviewer, t.cast.drafter])
      expect(await kinds(user, id)).toEqual([]);
  });
});

describe('/api/me/settings', () => {
  it('keeps the caller’s mail preference and refuses unknown ones', async () => {
    const user = await makeUser(t.server.db, 'reviewer', t.cast.inspectorate.code);
    const first = await t.call('GET', '/api/me/settings', { token: user.token });
    expect(first.body).toEqual({ mailMode: 'immediate', email: user.email, mailEnabled: false });
    const put = await t.call('PUT', '/api/me/settings', {
      token: user.token,
      body: { mailMode: 'daily' },
    });
    expect(put.status).toBe(200);
    expect((await t.call('GET', '/api/me/settings', { token: user.token })).body).toMatchObject({
      mailMode: 'daily',
    });
    const bad = await t.call<{ error: { details: Record<string, string> } }>(
      'PUT',
      '/api/me/settings',
      { token: user.token, body: { mailMode: 'hourly' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('mailMode');
    expect((await t.call('GET', '/api/me/settings')).status).toBe(401);
  });
});
