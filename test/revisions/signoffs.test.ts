import { startTestServer, type TestServer } from '../support/server';
import { apiClient, makeCast, makeUser } from '../support/factories';
import { clauseElement, edit } from '../support/text';
import type { Clause } from '../../shared/clauses';

let server: TestServer;
let call: ReturnType<typeof apiClient>;
let cast: Awaited<ReturnType<typeof makeCast>>;

beforeAll(async () => {
  server = await startTestServer();
  call = apiClient(server.url);
  cast = await makeCast(server.db);
});
afterAll(() => server.stop());

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
  const res = await call<{ id: string }>('POST', '/api/documents', {
    token: cast.drafter.token,
    body: {
      title: 'Uji paraf',
      parties: [cast.partyA.code, cast.partyB.code],
      reviewers: [cast.inspectorate.code],
      text: PLAIN,
    },
  });
  const id = res.body.id;
  const clauses = (
    await call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: cast.drafter.token })
  ).body;
  return { id, ids: clauses.map((c) => c.id) };
}

const cut = (id: string) =>
  call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    token: cast.drafter.token,
    body: {},
  });
const sign = (id: string, n: number, token: string, decision = 'approve', note?: string) =>
  call('POST', `/api/documents/${id}/revisions/${n}/signoffs`, { token, body: { decision, note } });
const statuses = async (id: string) => {
  const res = await call<Entry[]>('GET', `/api/documents/${id}/signoffs`, {
    token: cast.drafter.token,
  });
  return Object.fromEntries(res.body.map((e) => [e.agency.code, e]));
};
const typeIn = (id: string, clauseId: string, text: string) =>
  server.ctx.texts.change(id, cast.drafter.id, (ydoc) =>
    edit.typeInParagraph(ydoc, clauseId, 0, text),
  );

describe('sign-offs', () => {
  it('lists every participating agency as pending until it signs', async () => {
    const { id } = await setup();
    await cut(id);
    const s = await statuses(id);
    expect(Object.keys(s).sort()).toEqual(
      [cast.bureau.code, cast.inspectorate.code, cast.partyA.code, cast.partyB.code].sort(),
    );
    expect(Object.values(s).every((e) => e.status === 'pending' && e.by === null)).toBe(true);
  });

  it('records sign-offs from reviewers and heads only, on the latest revision only', async () => {
    const { id } = await setup();
    await cut(id);
    expect((await sign(id, 1, cast.drafter.token)).status).toBe(403);
    expect((await sign(id, 1, cast.outsider.token)).status).toBe(404);
    expect((await sign(id, 1, cast.reviewer.token, 'maybe')).status).toBe(400);
    expect((await sign(id, 7, cast.reviewer.token)).status).toBe(404);
    expect((await sign(id, 1, cast.reviewer.token, 'approve', 'Setuju.')).status).toBe(201);
    expect((await sign(id, 1, cast.headA.token)).status).toBe(201);
    await cut(id);
    const old = await sign(id, 1, cast.headB.token);
    expect(old.status).toBe(409);
    const s = await statuses(id);
    expect(s[cast.inspectorate.code]).toMatchObject({
      status: 'approved',
      revision: 1,
      note: 'Setuju.',
      by: { id: cast.reviewer.id },
    });
    expect(s[cast.partyB.code].status).toBe('pending');
  });

  it('goes stale only for the clauses that changed, and a later decision replaces the earlier one', async () => {
    const { id, ids } = await setup();
    await cut(id);
    await sign(id, 1, cast.reviewer.token);
    await typeIn(id, ids[1], 'Seluruh ');
    await cut(id);
    let s = await statuses(id);
    expect(s[cast.inspectorate.code]).toMatchObject({
      status: 'stale',
      revision: 1,
      changedClauses: [ids[1]],
    });
    await sign(id, 2, cast.reviewer.token, 'changes_requested', 'Pasal 2 perlu rujukan.');
    s = await statuses(id);
    expect(s[cast.inspectorate.code]).toMatchObject({
      status: 'changes_requested',
      revision: 2,
      note: 'Pasal 2 perlu rujukan.',
    });
    await sign(id, 2, cast.reviewer.token);
    expect((await statuses(id))[cast.inspectorate.code].status).toBe('approved');
  });

  it('stays approved when its clauses are only renumbered, while an agency concerned with all goes stale for the new clause', async () => {
    const { id, ids } = await setup();
    await cut(id);
    expect(
      (
        await call('PUT', `/api/documents/${id}/concerns/${cast.inspectorate.code}`, {
          token: cast.drafter.token,
          body: { clauses: [ids[1]] },
        })
      ).status,
    ).toBe(200);
    await sign(id, 1, cast.reviewer.token);
    await sign(id, 1, cast.headA.token);
    await server.ctx.texts.change(id, cast.drafter.id, (ydoc) =>
      edit.insertAfter(ydoc, ids[0], clauseElement('sisip', 'Definisi', ['Isi.'])),
    );
    await cut(id);
    const s = await statuses(id);
    // Pembiayaan is now Pasal 3 but unchanged: the finance-minded reviewer stays approved.
    expect(s[cast.inspectorate.code]).toMatchObject({ status: 'approved', changedClauses: [] });
    // Party A is concerned with all clauses, so the new one makes it stale.
    expect(s[cast.partyA.code]).toMatchObject({ status: 'stale', changedClauses: ['sisip'] });
  });

  it('limits staleness to the concerned clauses and shows it in the matrix', async () => {
    const { id, ids } = await setup();
    const concerns = await call('PUT', `/api/documents/${id}/concerns/${cast.inspectorate.code}`, {
      token: cast.drafter.token,
      body: { clauses: [ids[1]] },
    });
    expect(concerns.status).toBe(200);
    expect(
      (
        await call('PUT', `/api/documents/${id}/concerns/${cast.inspectorate.code}`, {
          token: cast.reviewer.token,
          body: { clauses: 'all' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('PUT', `/api/documents/${id}/concerns/${cast.inspectorate.code}`, {
          token: cast.drafter.token,
          body: { clauses: ['nope'] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call('PUT', `/api/documents/${id}/concerns/${cast.outside.code}`, {
          token: cast.drafter.token,
          body: { clauses: 'all' },
        })
      ).status,
    ).toBe(404);
    const all = await call<Record<string, unknown>>('GET', `/api/documents/${id}/concerns`, {
      token: cast.reviewer.token,
    });
    expect(all.body[cast.inspectorate.code]).toEqual([ids[1]]);
    expect(all.body[cast.partyA.code]).toBe('all');

    await cut(id);
    await sign(id, 1, cast.reviewer.token);
    await sign(id, 1, cast.headA.token);
    await sign(id, 1, cast.headB.token, 'changes_requested');
    await typeIn(id, ids[0], 'Adapun ');
    await cut(id);
    let s = await statuses(id);
    expect(s[cast.inspectorate.code].status).toBe('approved');
    expect(s[cast.partyA.code]).toMatchObject({ status: 'stale', changedClauses: [ids[0]] });

    const matrix = await call<{
      revision: number;
      agencies: string[];
      clauses: { clauseId: string; cells: Record<string, string> }[];
    }>('GET', `/api/documents/${id}/signoffs/matrix`, { token: cast.reviewer.token });
    expect(matrix.body.revision).toBe(2);
    const cells = Object.fromEntries(matrix.body.clauses.map((c) => [c.clauseId, c.cells]));
    expect(cells[ids[0]][cast.inspectorate.code]).toBe('not_concerned');
    expect(cells[ids[1]][cast.inspectorate.code]).toBe('approved');
    expect(cells[ids[0]][cast.partyA.code]).toBe('stale');
    expect(cells[ids[1]][cast.partyA.code]).toBe('approved');
    expect(cells[ids[1]][cast.partyB.code]).toBe('changes_requested');
    expect(cells[ids[2]][cast.bureau.code]).toBe('pending');

    await typeIn(id, ids[1], 'Semua ');
    await cut(id);
    s = await statuses(id);
    expect(s[cast.inspectorate.code]).toMatchObject({ status: 'stale', changedClauses: [ids[1]] });
  });

  it('lets a user of a reviewing agency see sign-offs but not one of an outside agency', async () => {
    const { id } = await setup();
    const other = await makeUser(server.db, 'head', cast.inspectorate.code);
    expect(
      (await call('GET', `/api/documents/${id}/signoffs`, { token: other.token })).status,
    ).toBe(200);
    expect(
      (await call('GET', `/api/documents/${id}/signoffs`, { token: cast.outsider.token })).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/documents/${id}/signoffs/matrix`, { token: cast.outsider.token }))
        .status,
    ).toBe(404);
  });
});
