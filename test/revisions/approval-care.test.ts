import { createHash } from 'node:crypto';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser, type TestUser } from '../support/factories';

const t = serverWithCast();
jest.setTimeout(120_000);

const PLAIN = ['Pasal 1', 'Maksud', 'Teks maksud.', 'Pasal 2', 'Penutup', 'Berlaku.'].join('\n');

async function signedByAll() {
  const { id } = await draftDocument(t.call, t.cast, { title: 'Uji kehati-hatian', text: PLAIN });
  await t.call('POST', `/api/documents/${id}/revisions`, { token: t.cast.drafter.token, body: {} });
  const bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  for (const u of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureauReviewer]) {
    const res = await t.call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
      token: u.token,
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(201);
  }
  return id;
}

// The browser's way in: the session cookie with the anti-CSRF header, no Bearer token.
const asBrowser = (user: TestUser) => ({
  headers: { cookie: `selaras_session=${user.token}`, 'x-selaras-csrf': '1' },
});

type Approvals = {
  status: string;
  revision: number;
  textHash: string;
  approvals: { agency: string }[];
  error?: { code: string; message: string; details?: Record<string, string> };
};

describe('approval with care', () => {
  it('asks a browser session for the password again, and refuses a wrong one', async () => {
    const id = await signedByAll();
    const path = `/api/documents/${id}/approve`;
    const missing = await t.call<Approvals>('POST', path, {
      ...asBrowser(t.cast.headA),
      body: { revision: 1 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.details).toHaveProperty('password');
    const wrong = await t.call<Approvals>('POST', path, {
      ...asBrowser(t.cast.headA),
      body: { revision: 1, password: 'bukan-sandinya' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.message).toBe('Kata sandi salah.');
    const listed = await t.call<Approvals>('GET', `/api/documents/${id}/approvals`, {
      token: t.cast.reviewer.token,
    });
    expect(listed.body.approvals).toEqual([]);
    const ok = await t.call<Approvals>('POST', path, {
      ...asBrowser(t.cast.headA),
      body: { revision: 1, password: t.cast.headA.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.approvals.map((a) => a.agency)).toEqual([t.cast.partyA.code]);
  });

  it('keeps the contract for Bearer clients: {revision} alone approves, a sent password is checked', async () => {
    const id = await signedByAll();
    const path = `/api/documents/${id}/approve`;
    const wrong = await t.call('POST', path, {
      token: t.cast.headA.token,
      body: { revision: 1, password: 'bukan-sandinya' },
    });
    expect(wrong.status).toBe(403);
    const plain = await t.call<Approvals>('POST', path, {
      token: t.cast.headA.token,
      body: { revision: 1 },
    });
    expect(plain.status).toBe(200);
  });

  it('shows the SHA-256 of the revision text and refuses an approval of a different hash', async () => {
    const id = await signedByAll();
    const printed = await fetch(`${t.server.url}/api/documents/${id}/revisions/1/text`, {
      headers: { authorization: `Bearer ${t.cast.reviewer.token}` },
    });
    const hash = createHash('sha256')
      .update(Buffer.from(await printed.arrayBuffer()))
      .digest('hex');
    const listed = await t.call<Approvals>('GET', `/api/documents/${id}/approvals`, {
      token: t.cast.headA.token,
    });
    expect(listed.body).toMatchObject({ revision: 1, textHash: hash });
    const other = await t.call<Approvals>('POST', `/api/documents/${id}/approve`, {
      token: t.cast.headA.token,
      body: { revision: 1, textHash: '0'.repeat(64) },
    });
    expect(other.status).toBe(409);
    expect(other.body.error?.message).toMatch(/hash berbeda/);
    const same = await t.call('POST', `/api/documents/${id}/approve`, {
      token: t.cast.headA.token,
      body: { revision: 1, textHash: hash },
    });
    expect(same.status).toBe(200);
  });

  it('lets a head withdraw his agency’s approval until the document is final, audited', async () => {
    const id = await signedByAll();
    const path = `/api/documents/${id}/approve`;
    expect((await t.call('DELETE', path, { token: t.cast.headA.token })).status).toBe(409);
    expect(
      (await t.call('POST', path, { token: t.cast.headA.token, body: { revision: 1 } })).status,
    ).toBe(200);
    // Only a head of that party: the other party's head has nothing to withdraw, a reviewer may not.
    expect((await t.call('DELETE', path, { token: t.cast.headB.token })).status).toBe(409);
    expect((await t.call('DELETE', path, { token: t.cast.reviewer.token })).status).toBe(403);
    const withdrawn = await t.call<Approvals>('DELETE', path, asBrowser(t.cast.headA));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'drafting', approvals: [] });
    const audit = await t.call<{ kind: string; data: { agency: string } }[]>(
      'GET',
      `/api/documents/${id}/audit`,
      { token: t.cast.drafter.token },
    );
    expect(audit.body.map((e) => e.kind)).toContain('document.approval_withdrawn');
    // Approving again, then the other party: final, and nothing can be withdrawn any more.
    await t.call('POST', path, { token: t.cast.headA.token, body: { revision: 1 } });
    const final = await t.call<Approvals>('POST', path, {
      token: t.cast.headB.token,
      body: { revision: 1 },
    });
    expect(final.body.status).toBe('final');
    const late = await t.call<Approvals>('DELETE', path, { token: t.cast.headA.token });
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toMatch(/sudah final/);
  });
});
