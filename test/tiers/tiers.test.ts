import { serverWithCast } from '../support/server';
import { createDocument, makeUser, type TestUser } from '../support/factories';
import { connectClient, typeInto, waitFor } from '../collab/clients';
import { normalise, pdfPages } from '../exports/readBack';

const suite = serverWithCast();
jest.setTimeout(180_000);

interface Entry {
  agency: { code: string };
  status: string;
  tiers?: { label: string; status: string; by: string | null; revision: number | null }[];
}

describe('paraf hierarki', () => {
  let staf: TestUser;
  let kabag: TestUser;
  let kepala: TestUser;
  let id: string;

  const signoff = (who: { token: string }, revision: number) =>
    suite.call<{ tier?: string; error?: { message: string } }>(
      'POST',
      `/api/documents/${id}/revisions/${revision}/signoffs`,
      { token: who.token, body: { decision: 'approve' } },
    );
  const inspectorate = async () => {
    const res = await suite.call<Entry[]>('GET', `/api/documents/${id}/signoffs`, {
      token: suite.cast.drafter.token,
    });
    const entry = res.body.find((e) => e.agency.code === suite.cast.inspectorate.code)!;
    return { status: entry.status, tiers: entry.tiers?.map((t) => t.status) };
  };
  const cut = async () =>
    (
      await suite.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
        token: suite.cast.drafter.token,
        body: {},
      })
    ).body.number;
  const editPasal1 = async (text: string) => {
    const { call, cast, server } = suite;
    const client = await connectClient(server, id, cast.drafter.token);
    try {
      typeInto(client.doc, 0, text);
      await waitFor(
        async () =>
          (
            await call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, {
              token: cast.drafter.token,
            })
          ).body[0].text.includes(text),
        'the edit stored',
        30_000,
      );
    } finally {
      client.destroy();
    }
  };

  beforeAll(async () => {
    const { call, cast, server } = suite;
    const code = cast.inspectorate.code;
    [staf, kabag, kepala] = await Promise.all([
      makeUser(server.db, 'reviewer', code),
      makeUser(server.db, 'reviewer', code),
      makeUser(server.db, 'reviewer', code),
    ]);
    const tiers = {
      tiers: [
        { label: 'Kepala Subbagian', members: [staf.id] },
        { label: 'Kepala Bagian', members: [kabag.id] },
        { label: 'Inspektur', members: [kepala.id] },
      ],
    };
    expect(
      (await call('PUT', `/api/agencies/${code}/tiers`, { token: cast.drafter.token, body: tiers }))
        .status,
    ).toBe(403);
    const outsider = { tiers: [{ label: 'Kepala', members: [cast.headA.id] }] };
    expect(
      (
        await call('PUT', `/api/agencies/${code}/tiers`, {
          token: cast.admin.token,
          body: outsider,
        })
      ).status,
    ).toBe(400);
    const set = await call<{ tiers: { label: string; members: { id: string }[] }[] }>(
      'PUT',
      `/api/agencies/${code}/tiers`,
      { token: cast.admin.token, body: tiers },
    );
    expect(set.status).toBe(200);
    expect(set.body.tiers.map((t) => [t.label, t.members.map((m) => m.id)])).toEqual([
      ['Kepala Subbagian', [staf.id]],
      ['Kepala Bagian', [kabag.id]],
      ['Inspektur', [kepala.id]],
    ]);
    id = await createDocument(call, cast);
    await cut();
  });

  it('enforces the order and gives the agency its paraf only at the last tier', async () => {
    expect((await signoff(suite.cast.reviewer, 1)).status).toBe(403); // holds no tier
    expect((await signoff(kabag, 1)).status).toBe(409);
    expect(await inspectorate()).toEqual({
      status: 'pending',
      tiers: ['pending', 'pending', 'pending'],
    });
    const first = await signoff(staf, 1);
    expect(first.status).toBe(201);
    expect(first.body.tier).toBe('Kepala Subbagian');
    expect(await inspectorate()).toEqual({
      status: 'pending',
      tiers: ['approved', 'pending', 'pending'],
    });
    expect((await signoff(kepala, 1)).status).toBe(409);
    expect((await signoff(kabag, 1)).status).toBe(201);
    expect(await inspectorate()).toEqual({
      status: 'pending',
      tiers: ['approved', 'approved', 'pending'],
    });
    expect((await signoff(kepala, 1)).status).toBe(201);
    expect(await inspectorate()).toEqual({
      status: 'approved',
      tiers: ['approved', 'approved', 'approved'],
    });
  });

  it('makes every tier stale when the text changes, each lower tier again after it initials', async () => {
    await editPasal1(' Perubahan pertama.');
    const second = await cut();
    expect(await inspectorate()).toEqual({ status: 'stale', tiers: ['stale', 'stale', 'stale'] });
    expect((await signoff(kabag, second)).status).toBe(409);
    expect((await signoff(staf, second)).status).toBe(201);
    expect(await inspectorate()).toEqual({
      status: 'stale',
      tiers: ['approved', 'stale', 'stale'],
    });
    // A change after the lowest tier initialled makes its paraf stale too.
    await editPasal1(' Perubahan kedua.');
    const third = await cut();
    expect(await inspectorate()).toEqual({ status: 'stale', tiers: ['stale', 'stale', 'stale'] });
    expect((await signoff(kabag, third)).status).toBe(409);
  });

  it('lists every tier on the lembar paraf koordinasi of the export', async () => {
    const { cast, server } = suite;
    const res = await fetch(`${server.url}/api/documents/${id}/export.pdf?revision=1`, {
      headers: { authorization: `Bearer ${cast.drafter.token}` },
    });
    const text = normalise((await pdfPages(Buffer.from(await res.arrayBuffer()))).join(' '));
    const name = cast.inspectorate.name;
    expect(text).toContain(`Kepala Subbagian, ${name} ${staf.name}`);
    expect(text).toContain(`Kepala Bagian, ${name} ${kabag.name}`);
    expect(text).toContain(`Inspektur, ${name} ${kepala.name}`);
  });

  it('leaves agencies without tiers a single step', async () => {
    const other = await makeUser(suite.server.db, 'head', suite.cast.partyA.code);
    expect((await signoff(other, 3)).status).toBe(201);
    const res = await suite.call<Entry[]>('GET', `/api/documents/${id}/signoffs`, {
      token: suite.cast.drafter.token,
    });
    const entry = res.body.find((e) => e.agency.code === suite.cast.partyA.code)!;
    expect(entry.status).toBe('approved');
    expect(entry.tiers).toBeUndefined();
  });
});
