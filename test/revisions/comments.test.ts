import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { openEventStream } from '../support/events';
import { edit } from '../support/text';
import { connectClient, waitFor } from '../collab/clients';
import { readClauses } from '../../server/documents/text';
import type { Clause } from '../../shared/clauses';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Nota ini dimaksudkan sebagai pedoman kerja sama.',
  'Kedua pihak berkoordinasi secara berkala.',
  'Pasal 2',
  'Penutup',
  'Berlaku sejak ditandatangani.',
].join('\n');

interface CommentView {
  id: string;
  clauseId: string;
  body: string;
  resolved: boolean;
  accepted: boolean;
  parentId: string | null;
  author: { id: string; agency: { code: string } };
  proposal: { heading?: string; text: string } | null;
}

const setup = () => draftDocument(t.call, t.cast, { title: 'Uji komentar', text: PLAIN });

const comment = (id: string, token: string, body: Record<string, unknown>) =>
  t.call<CommentView>('POST', `/api/documents/${id}/comments`, { token, body });

describe('comments', () => {
  it('threads comments on a clause, stores bodies verbatim and lists them per clause', async () => {
    const { id, clauses } = await setup();
    const body = '<script>alert("x")</script> Mohon dicek \u{1F4DD}; DROP TABLE comments;--';
    const first = await comment(id, t.cast.reviewer.token, { clauseId: clauses[0].id, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      body,
      clauseId: clauses[0].id,
      resolved: false,
      author: { id: t.cast.reviewer.id },
    });
    const reply = await comment(id, t.cast.drafter.token, {
      clauseId: clauses[0].id,
      body: 'Baik.',
      parentId: first.body.id,
    });
    expect(reply.body.parentId).toBe(first.body.id);
    await comment(id, t.cast.headA.token, { clauseId: clauses[1].id, body: 'Lain.' });
    const list = await t.call<CommentView[]>(
      'GET',
      `/api/documents/${id}/comments?clauseId=${clauses[0].id}`,
      { token: t.cast.headB.token },
    );
    expect(list.body.map((c) => c.body)).toEqual([body, 'Baik.']);
    expect(
      (
        await t.call<CommentView[]>('GET', `/api/documents/${id}/comments`, {
          token: t.cast.headB.token,
        })
      ).body,
    ).toHaveLength(3);
  });

  it('rejects comments on unknown clauses, bad parents and from outsiders', async () => {
    const { id, clauses } = await setup();
    expect(
      (await comment(id, t.cast.reviewer.token, { clauseId: 'tidak-ada', body: 'x' })).status,
    ).toBe(400);
    expect(
      (await comment(id, t.cast.reviewer.token, { clauseId: clauses[0].id, body: '' })).status,
    ).toBe(400);
    expect(
      (
        await comment(id, t.cast.reviewer.token, {
          clauseId: clauses[0].id,
          body: 'x',
          parentId: 'bukan-uuid',
        })
      ).status,
    ).toBe(400);
    const other = await comment(id, t.cast.reviewer.token, { clauseId: clauses[1].id, body: 'x' });
    expect(
      (
        await comment(id, t.cast.reviewer.token, {
          clauseId: clauses[0].id,
          body: 'y',
          parentId: other.body.id,
        })
      ).status,
    ).toBe(400);
    expect(
      (await comment(id, t.cast.outsider.token, { clauseId: clauses[0].id, body: 'x' })).status,
    ).toBe(404);
    const count = await t.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM comments WHERE document_id = $1',
      [id],
    );
    expect(count.rows[0].n).toBe(1);
  });

  it('lets the drafter or the author resolve, nobody else', async () => {
    const { id, clauses } = await setup();
    const c = await comment(id, t.cast.reviewer.token, { clauseId: clauses[0].id, body: 'x' });
    expect(
      (
        await t.call('POST', `/api/documents/${id}/comments/${c.body.id}/resolve`, {
          token: t.cast.headA.token,
        })
      ).status,
    ).toBe(403);
    const byAuthor = await t.call<CommentView>(
      'POST',
      `/api/documents/${id}/comments/${c.body.id}/resolve`,
      { token: t.cast.reviewer.token },
    );
    expect(byAuthor.status).toBe(200);
    expect(byAuthor.body.resolved).toBe(true);
    const d = await comment(id, t.cast.headA.token, { clauseId: clauses[0].id, body: 'y' });
    expect(
      (
        await t.call('POST', `/api/documents/${id}/comments/${d.body.id}/resolve`, {
          token: t.cast.drafter.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.call(
          'POST',
          `/api/documents/${id}/comments/00000000-0000-0000-0000-000000000000/resolve`,
          { token: t.cast.drafter.token },
        )
      ).status,
    ).toBe(404);
  });

  it('applies an accepted proposal to the live text as an edit and resolves the comment', async () => {
    const { id, clauses } = await setup();
    const proposal = {
      text: 'Nota ini dimaksudkan sebagai pedoman bersama.\nKedua pihak berkoordinasi secara berkala.',
    };
    const c = await comment(id, t.cast.reviewer.token, {
      clauseId: clauses[0].id,
      body: 'Usulan redaksi',
      proposal,
    });
    expect(c.body.proposal).toEqual(proposal);
    expect(
      (
        await t.call('POST', `/api/documents/${id}/comments/${c.body.id}/accept`, {
          token: t.cast.reviewer.token,
        })
      ).status,
    ).toBe(403);
    const watcher = await connectClient(t.server, id, t.cast.headA.token);
    try {
      const accepted = await t.call<CommentView>(
        'POST',
        `/api/documents/${id}/comments/${c.body.id}/accept`,
        { token: t.cast.drafter.token },
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ resolved: true, accepted: true });
      await waitFor(
        () => readClauses(watcher.doc)[0].text === proposal.text,
        'the accepted proposal at a connected client',
      );
    } finally {
      watcher.destroy();
    }
    const live = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(live.body[0]).toMatchObject({ heading: 'Maksud', text: proposal.text });
    const again = await t.call('POST', `/api/documents/${id}/comments/${c.body.id}/accept`, {
      token: t.cast.drafter.token,
    });
    expect(again.status).toBe(409);
    const audit = await t.call<
      { kind: string; data: { proposedBy: string; acceptedBy: string } }[]
    >('GET', `/api/documents/${id}/audit`, { token: t.cast.drafter.token });
    expect(audit.body.find((e) => e.kind === 'proposal.accepted')).toMatchObject({
      data: { proposedBy: t.cast.reviewer.id, acceptedBy: t.cast.drafter.id },
    });
  });

  it('refuses a proposal whose clause changed since it was made, or is gone', async () => {
    const { id, clauses } = await setup();
    const c = await comment(id, t.cast.reviewer.token, {
      clauseId: clauses[0].id,
      body: 'u',
      proposal: { text: 'Baru.' },
    });
    const d = await comment(id, t.cast.reviewer.token, {
      clauseId: clauses[1].id,
      body: 'u',
      proposal: { heading: 'Ketentuan Penutup', text: 'Baru.' },
    });
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) => {
      edit.typeInParagraph(ydoc, clauses[0].id, 0, 'Adapun ');
      edit.remove(ydoc, clauses[1].id);
    });
    const changed = await t.call<{ error: { message: string } }>(
      'POST',
      `/api/documents/${id}/comments/${c.body.id}/accept`,
      { token: t.cast.drafter.token },
    );
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/berubah/);
    const gone = await t.call<{ error: { message: string } }>(
      'POST',
      `/api/documents/${id}/comments/${d.body.id}/accept`,
      { token: t.cast.drafter.token },
    );
    expect(gone.status).toBe(409);
    expect(gone.body.error.message).toMatch(/dihapus/);
    const live = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(live.body).toHaveLength(1);
    expect(live.body[0].text.startsWith('Adapun Nota ini')).toBe(true);
  });

  it('keeps both changes when a proposal is accepted while another drafter types in the same clause', async () => {
    const { id, clauses } = await setup();
    const proposal = {
      text: 'Nota ini dimaksudkan sebagai pedoman kerja sama.\nKedua pihak berkoordinasi setiap triwulan.',
    };
    const c = await comment(id, t.cast.reviewer.token, {
      clauseId: clauses[0].id,
      body: 'u',
      proposal,
    });
    const secondDrafter = await makeUser(t.server.db, 'drafter', t.cast.bureau.code);
    const typist = await connectClient(t.server, id, secondDrafter.token);
    try {
      // The typist's words are still in flight (offline) when the drafter accepts the proposal.
      typist.provider.disconnect();
      typist.doc.transact(() =>
        edit.typeInParagraph(typist.doc, clauses[0].id, 0, 'Dengan itikad baik, '),
      );
      expect(
        (
          await t.call('POST', `/api/documents/${id}/comments/${c.body.id}/accept`, {
            token: t.cast.drafter.token,
          })
        ).status,
      ).toBe(200);
      typist.provider.connect();
      const expected =
        'Dengan itikad baik, Nota ini dimaksudkan sebagai pedoman kerja sama.\nKedua pihak berkoordinasi setiap triwulan.';
      await waitFor(async () => {
        const live = await t.call<Clause[]>('GET', `/api/documents/${id}/clauses`, {
          token: t.cast.drafter.token,
        });
        return live.body[0].text === expected;
      }, 'both edits on the server');
      await waitFor(() => readClauses(typist.doc)[0].text === expected, 'both edits at the typist');
    } finally {
      typist.destroy();
    }
  });

  it('tells a second client about new comments and sign-offs over server-sent events', async () => {
    const { id, clauses } = await setup();
    const events = await openEventStream(t.server.url, id, t.cast.headB.token);
    expect(events.status).toBe(200);
    await comment(id, t.cast.reviewer.token, { clauseId: clauses[0].id, body: 'Live!' });
    await t.call('POST', `/api/documents/${id}/revisions`, {
      token: t.cast.drafter.token,
      body: {},
    });
    await t.call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
      token: t.cast.reviewer.token,
      body: { decision: 'approve' },
    });
    await waitFor(() => events.received.includes('event: signoff.recorded'), 'the sign-off event');
    expect(events.received).toContain('event: comment.created');
    expect(events.received).toContain('"body":"Live!"');
    expect(events.received).toContain('event: revision.created');
    await events.close();
    expect(
      (
        await fetch(`${t.server.url}/api/documents/${id}/events`, {
          headers: { authorization: `Bearer ${t.cast.outsider.token}` },
        })
      ).status,
    ).toBe(404);
  });
});
