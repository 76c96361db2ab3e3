import { createHash } from 'node:crypto';
import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { edit } from '../support/text';
import { connectClient, sleep, typeInto, waitFor } from '../collab/clients';
import type { Clause } from '../../shared/clauses';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Teks maksud.',
  'Pasal 2',
  'Penutup',
  'Berlaku sejak ditandatangani.',
].join('\n');

async function setup() {
  const { id, clauses } = await draftDocument(t.call, t.cast, {
    title: 'Uji persetujuan',
    text: PLAIN,
  });
  const ids = clauses.map((c) => c.id);
  await t.call('POST', `/api/documents/${id}/revisions`, { token: t.cast.drafter.token, body: {} });
  return { id, ids };
}

const sign = (id: string, n: number, token: string) =>
  t.call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, {
    token,
    body: { decision: 'approve' },
  });
const approve = (id: string, revision: number, token: string) =>
  t.call<{
    status: string;
    finalRevision?: number;
    finalHash?: string;
    error?: { message: string };
  }>('POST', `/api/documents/${id}/approve`, {
    token,
    body: { revision },
  });

async function everyoneSigns(id: string, n: number) {
  // The bureau (the drafter's agency) signs through a reviewer of its own.
  const bureauReviewer = await makeUser(t.server.db, 'reviewer', t.cast.bureau.code);
  for (const u of [t.cast.reviewer, t.cast.headA, t.cast.headB, bureauReviewer])
    expect((await sign(id, n, u.token)).status).toBe(201);
}

describe('approval and lock', () => {
  it('lets only heads of party agencies approve', async () => {
    const { id } = await setup();
    const inspectorHead = await makeUser(t.server.db, 'head', t.cast.inspectorate.code);
    expect((await approve(id, 1, inspectorHead.token)).status).toBe(403);
    expect((await approve(id, 1, t.cast.reviewer.token)).status).toBe(403);
    expect((await approve(id, 1, t.cast.drafter.token)).status).toBe(403);
    expect((await approve(id, 1, t.cast.outsider.token)).status).toBe(404);
  });

  it('refuses approval while a sign-off is pending or stale, naming the agencies', async () => {
    const { id, ids } = await setup();
    const pending = await approve(id, 1, t.cast.headA.token);
    expect(pending.status).toBe(409);
    expect(pending.body.error?.message).toMatch(t.cast.inspectorate.code);
    await everyoneSigns(id, 1);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, ids[0], 0, 'Adapun '),
    );
    await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    const stale = await approve(id, 2, t.cast.headA.token);
    expect(stale.status).toBe(409);
    expect(stale.body.error?.message).toMatch(/stale/);
    expect((await approve(id, 1, t.cast.headA.token)).status).toBe(409);
  });

  it('refuses approval when the live text has unrevised edits', async () => {
    const { id, ids } = await setup();
    await everyoneSigns(id, 1);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.typeInParagraph(ydoc, ids[1], 0, 'Nota ini '),
    );
    const res = await approve(id, 1, t.cast.headA.token);
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/diubah setelah revisi/);
  });

  it('makes the document final when both heads approve, with a recomputable hash, and locks it', async () => {
    const { id } = await setup();
    await everyoneSigns(id, 1);
    const first = await approve(id, 1, t.cast.headA.token);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('drafting');
    const pendingOne = await t.call<{ revision: number; approvals: { agency: string }[] }>(
      'GET',
      `/api/documents/${id}/approvals`,
      { token: t.cast.reviewer.token },
    );
    expect(pendingOne.body).toMatchObject({
      revision: 1,
      approvals: [{ agency: t.cast.partyA.code, by: { id: t.cast.headA.id } }],
    });
    const second = await approve(id, 1, t.cast.headB.token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'final', finalRevision: 1 });

    const doc = await t.call<{
      status: string;
      finalRevision: number;
      finalHash: string;
      title: string;
    }>('GET', `/api/documents/${id}`, { token: t.cast.reviewer.token });
    const revision = await t.call<{ clauses: Clause[] }>(
      'GET',
      `/api/documents/${id}/revisions/1`,
      {
        token: t.cast.reviewer.token,
      },
    );
    // The hash is sha256sum of the bytes of the final revision's printed text.
    const printed = await fetch(`${t.server.url}/api/documents/${id}/revisions/1/text`, {
      headers: { authorization: `Bearer ${t.cast.reviewer.token}` },
    });
    const expected = createHash('sha256')
      .update(Buffer.from(await printed.arrayBuffer()))
      .digest('hex');
    expect(doc.body).toMatchObject({ status: 'final', finalRevision: 1, finalHash: expected });
    const approvals = await t.call<{ approvals: { agency: string }[] }>(
      'GET',
      `/api/documents/${id}/approvals`,
      { token: t.cast.reviewer.token },
    );
    expect(approvals.body.approvals.map((a) => a.agency).sort()).toEqual(
      [t.cast.partyA.code, t.cast.partyB.code].sort(),
    );

    expect(
      (
        await t.call('POST', `/api/documents/${id}/revisions`, {
          token: t.cast.drafter.token,
          body: {},
        })
      ).status,
    ).toBe(409);
    expect((await sign(id, 1, t.cast.reviewer.token)).status).toBe(409);
    await expect(
      t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
        ydoc.getXmlFragment('prosemirror').delete(0, 1),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const clauses = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(clauses.body).toEqual(revision.body.clauses);
    const audit = await t.call<{ kind: string }[]>('GET', `/api/documents/${id}/audit`, {
      token: t.cast.drafter.token,
    });
    expect(audit.body.map((e) => e.kind).slice(-3)).toEqual([
      'document.approved',
      'document.approved',
      'document.finalized',
    ]);
  });

  it('never finalises a text a keystroke changed while the last head approved', async () => {
    // The keystroke lands at a different moment of the approval each round: before its check
    // (409), or between its check and its commit, where it must be held back and refused.
    for (const delayMs of [0, 2, 4, 6, 8, 12, 16, 24]) {
      const { id } = await setup();
      await everyoneSigns(id, 1);
      expect((await approve(id, 1, t.cast.headA.token)).status).toBe(200);
      const drafter = await connectClient(t.server, id, t.cast.drafter.token);
      try {
        const [last] = await Promise.all([
          approve(id, 1, t.cast.headB.token),
          sleep(delayMs).then(() => typeInto(drafter.doc, 0, 'x')),
        ]);
        const live = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
          token: t.cast.drafter.token,
        });
        const frozen = await t.call<{ clauses: Clause[] }>(
          'GET',
          `/api/documents/${id}/revisions/1`,
          { token: t.cast.drafter.token },
        );
        if (last.status === 200) {
          expect(last.body.status).toBe('final');
          expect(live.body).toEqual(frozen.body.clauses);
          await waitFor(() => drafter.denied.length > 0, 'the drafter told the text is locked');
        } else {
          expect(last.status).toBe(409);
          expect(live.body[0].text).toContain('x');
        }
      } finally {
        drafter.destroy();
      }
    }
    // Eight documents set up, signed and approved: a busy machine needs more than 30 s.
  }, 120_000);
});
