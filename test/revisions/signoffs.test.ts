import { serverWithCast } from '../support/server';
import { draftDocument, makeUser } from '../support/factories';
import { clauseElement, edit } from '../support/text';

const t = serverWithCast();

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Teks maksud.',
  'Pasal 2',
  'Pembiayaan',
  'Dibebankan pada APBD.',
  'Pasal 3',
  'Penutup',
  'Berlaku sejak ditandatangani.',
].join('\n');

interface Entry {
  agency: { code: string };
  status: string;
  revision: number | null;
  changedClauses: string[];
  by: { id: string } | null;
  note: string | null;
}

async function setup() {
  const { id, clauses } = await draftDocument(t.call, t.cast, { title: 'Uji paraf', text: PLAIN });
  return { id, ids: clauses.map((c) => c.id) };
}

const cut = (id: string) =>
  t.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    token: t.cast.drafter.token,
    body: {},
  });
const sign = (id: string, n: number, token: string, decision = 'approve', note?: string) =>
  t.call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, {
    token,
    body: { decision, note },
  });
const statuses = async (id: string) => {
  const res = await t.call<Entry[]>('GET', `/api/documents/${id}/signoffs`, {
    token: t.cast.drafter.token,
  });
  return Object.fromEntries(res.body.map((e) => [e.agency.code, e]));
};
const typeIn = (id: string, clauseId: string, text: string) =>
  t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
    edit.typeInParagraph(ydoc, clauseId, 0, text),
  );

describe('sign-offs', () => {
  it('lists every participating agency as pending until it signs', async () => {
    const { id } = await setup();
    await cut(id);
    const s = await statuses(id);
    expect(Object.keys(s).sort()).toEqual(
      [t.cast.bureau.code, t.cast.inspectorate.code, t.cast.partyA.code, t.cast.partyB.code].sort(),
    );
    expect(Object.values(s).every((e) => e.status === 'pending' && e.by === null)).toBe(true);
  });

  it('records sign-offs from reviewers and heads only, on the latest revision only', async () => {
    const { id } = await setup();
    await cut(id);
    expect((await sign(id, 1, t.cast.drafter.token)).status).toBe(403);
    expect((await sign(id, 1, t.cast.outsider.token)).status).toBe(404);
    expect((await sign(id, 1, t.cast.reviewer.token, 'maybe')).status).toBe(400);
    expect((await sign(id, 7, t.cast.reviewer.token)).status).toBe(404);
    expect((await sign(id, 1, t.cast.reviewer.token, 'approve', 'Setuju.')).status).toBe(201);
    expect((await sign(id, 1, t.cast.headA.token)).status).toBe(201);
    await cut(id);
    const old = await sign(id, 1, t.cast.headB.token);
    expect(old.status).toBe(409);
    const s = await statuses(id);
    expect(s[t.cast.inspectorate.code]).toMatchObject({
      status: 'approved',
      revision: 1,
      note: 'Setuju.',
      by: { id: t.cast.reviewer.id },
    });
    expect(s[t.cast.partyB.code].status).toBe('pending');
  });

  it('goes stale only for the clauses that changed, and a later decision replaces the earlier one', async () => {
    const { id, ids } = await setup();
    await cut(id);
    await sign(id, 1, t.cast.reviewer.token);
    await typeIn(id, ids[1], 'Seluruh ');
    await cut(id);
    let s = await statuses(id);
    expect(s[t.cast.inspectorate.code]).toMatchObject({
      status: 'stale',
      revision: 1,
      changedClauses: [ids[1]],
    });
    await sign(id, 2, t.cast.reviewer.token, 'changes_requested', 'Pasal 2 perlu rujukan.');
    s = await statuses(id);
    expect(s[t.cast.inspectorate.code]).toMatchObject({
      status: 'changes_requested',
      revision: 2,
      note: 'Pasal 2 perlu rujukan.',
    });
    await sign(id, 2, t.cast.reviewer.token);
    expect((await statuses(id))[t.cast.inspectorate.code].status).toBe('approved');
  });

  it('stays approved when its clauses are only renumbered, while an agency concerned with all goes stale for the new clause', async () => {
    const { id, ids } = await setup();
    await cut(id);
    expect(
      (
        await t.call('PUT', `/api/documents/${id}/concerns/${t.cast.inspectorate.code}`, {
          token: t.cast.drafter.token,
          body: { clauses: [ids[1]] },
        })
      ).status,
    ).toBe(200);
    await sign(id, 1, t.cast.reviewer.token);
    await sign(id, 1, t.cast.headA.token);
    await t.server.ctx.texts.change(id, t.cast.drafter.id, (ydoc) =>
      edit.insertAfter(ydoc, ids[0], clauseElement('sisip', 'Definisi', ['Isi.'])),
    );
    await cut(id);
    const s = await statuses(id);
    // Pembiayaan is now Pasal 3 but unchanged: the finance-minded reviewer stays approved.
    expect(s[t.cast.inspectorate.code]).toMatchObject({ status: 'approved', changedClauses: [] });
    // Party A is concerned with all clauses, so the new one makes it stale.
    expect(s[t.cast.partyA.code]).toMatchObject({ status: 'stale', changedClauses: ['sisip'] });
  });

  it('limits staleness to the concerned clauses and shows it in the matrix', async () => {
    const { id, ids } = await setup();
    const concerns = await t.call(
      'PUT',
      `/api/documents/${id}/concerns/${t.cast.inspectorate.code}`,
      {
        token: t.cast.drafter.token,
        body: { clauses: [ids[1]] },
      },
    );
    expect(concerns.status).toBe(200);
    expect(
      (
        await t.call('PUT', `/api/documents/${id}/concerns/${t.cast.inspectorate.code}`, {
          token: t.cast.reviewer.token,
          body: { clauses: 'all' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PUT', `/api/documents/${id}/concerns/${t.cast.inspectorate.code}`, {
          token: t.cast.drafter.token,
          body: { clauses: ['nope'] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.call('PUT', `/api/documents/${id}/concerns/${t.cast.outside.code}`, {
          token: t.cast.drafter.token,
          body: { clauses: 'all' },
        })
      ).status,
    ).toBe(404);
    const all = await t.call<Record<string, unknown>>('GET', `/api/documents/${id}/concerns`, {
      token: t.cast.reviewer.token,
    });
    expect(all.body[t.cast.inspectorate.code]).toEqual([ids[1]]);
    expect(all.body[t.cast.partyA.code]).toBe('all');

    await cut(id);
    await sign(id, 1, t.cast.reviewer.token);
    await sign(id, 1, t.cast.headA.token);
    await sign(id, 1, t.cast.headB.token, 'changes_requested');
    await typeIn(id, ids[0], 'Adapun ');
    await cut(id);
    let s = await statuses(id);
    expect(s[t.cast.inspectorate.code].status).toBe('approved');
    expect(s[t.cast.partyA.code]).toMatchObject({ status: 'stale', changedClauses: [ids[0]] });

    const matrix = await t.call<{
      revision: number;
      agencies: string[];
      clauses: { clauseId: string; cells: Record<string, string> }[];
    }>('GET', `/api/documents/${id}/signoffs/matrix`, { token: t.cast.reviewer.token });
    expect(matrix.body.revision).toBe(2);
    const cells = Object.fromEntries(matrix.body.clauses.map((c) => [c.clauseId, c.cells]));
    expect(cells[ids[0]][t.cast.inspectorate.code]).toBe('not_concerned');
    expect(cells[ids[1]][t.cast.inspectorate.code]).toBe('approved');
    expect(cells[ids[0]][t.cast.partyA.code]).toBe('stale');
    expect(cells[ids[1]][t.cast.partyA.code]).toBe('approved');
    expect(cells[ids[1]][t.cast.partyB.code]).toBe('changes_requested');
    expect(cells[ids[2]][t.cast.bureau.code]).toBe('pending');

    await typeIn(id, ids[1], 'Semua ');
    await cut(id);
    s = await statuses(id);
    expect(s[t.cast.inspectorate.code]).toMatchObject({
      status: 'stale',
      changedClauses: [ids[1]],
    });
  });

  it('lets a user of a reviewing agency see sign-offs but not one of an outside agency', async () => {
    const { id } = await setup();
    const other = await makeUser(t.server.db, 'head', t.cast.inspectorate.code);
    expect(
      (await t.call('GET', `/api/documents/${id}/signoffs`, { token: other.token })).status,
    ).toBe(200);
    expect(
      (await t.call('GET', `/api/documents/${id}/signoffs`, { token: t.cast.outsider.token }))
        .status,
    ).toBe(404);
    expect(
      (
        await t.call('GET', `/api/documents/${id}/signoffs/matrix`, {
          token: t.cast.outsider.token,
        })
      ).status,
    ).toBe(404);
  });
});
