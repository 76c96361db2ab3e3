import { serverWithCast } from '../support/server';
import { makeUser } from '../support/factories';
import type { Clause } from '../../shared/clauses';

const t = serverWithCast();

interface DocumentView {
  id: string;
  title: string;
  status: string;
  parties: { code: string; name: string }[];
  reviewers: { code: string; name: string }[];
  latestRevision: number | null;
  createdAt: string;
}

const create = (token: string, body: Record<string, unknown>) =>
  t.call<DocumentView>('POST', '/api/documents', { token, body });
const parties = () => [t.cast.partyA.code, t.cast.partyB.code];
const countDocuments = async () =>
  (await t.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n;

describe('documents', () => {
  it('creates a document from the built-in template, adding the creator agency as a reviewer', async () => {
    const res = await create(t.cast.drafter.token, {
      title: 'Nota Kesepakatan Pelayanan Publik',
      parties: parties(),
      reviewers: [t.cast.inspectorate.code],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Nota Kesepakatan Pelayanan Publik',
      status: 'drafting',
    });
    expect(res.body.parties).toEqual([t.cast.partyA, t.cast.partyB]);
    expect(res.body.reviewers.map((r) => r.code)).toEqual([
      t.cast.inspectorate.code,
      t.cast.bureau.code,
    ]);
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    const clauses = await t.call<Clause[]>('GET', `/api/documents/${res.body.id}/clauses`, {
      token: t.cast.reviewer.token,
    });
    expect(clauses.body.map((c) => c.heading)).toEqual([
      'Maksud dan Tujuan',
      'Ruang Lingkup',
      'Pelaksanaan',
      'Pertukaran Data dan Informasi',
      'Pembiayaan',
      'Pemantauan dan Evaluasi',
      'Jangka Waktu',
      'Keadaan Kahar',
      'Penyelesaian Perselisihan',
      'Penutup',
    ]);
    expect(clauses.body.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(clauses.body[0].text).toContain(t.cast.partyB.name);
    expect(new Set(clauses.body.map((c) => c.id)).size).toBe(10);
  });

  it('imports the plain Pasal form: headings, paragraphs and the preamble before the first Pasal', async () => {
    const text = [
      'NOTA KESEPAKATAN',
      'Para pihak sepakat sebagai berikut:',
      '',
      'Pasal 1',
      'Maksud',
      '(1) Ayat satu.',
      '',
      '(2) Ayat dua.',
      'Pasal 2',
      'Penutup',
      'Selesai.',
    ].join('\r\n');
    const res = await create(t.cast.drafter.token, {
      title: 'Impor teks',
      parties: parties(),
      text,
    });
    expect(res.status).toBe(201);
    const clauses = await t.call<Clause[]>('GET', `/api/documents/${res.body.id}/clauses`, {
      token: t.cast.drafter.token,
    });
    expect(
      clauses.body.map(({ number, heading, text: t }) => ({ number, heading, text: t })),
    ).toEqual([
      { number: 1, heading: 'Maksud', text: '(1) Ayat satu.\n(2) Ayat dua.' },
      { number: 2, heading: 'Penutup', text: 'Selesai.' },
    ]);
  });

  it('lets only drafters and admins create documents', async () => {
    for (const user of [t.cast.reviewer, t.cast.headA]) {
      expect((await create(user.token, { title: 'x', parties: parties() })).status).toBe(403);
    }
    expect(
      (await create(t.cast.admin.token, { title: 'Oleh admin', parties: parties() })).status,
    ).toBe(201);
  });

  it('validates input with 400 naming the fields and writes nothing', async () => {
    const before = await countDocuments();
    const bad = await t.call<{ error: { details: Record<string, string> } }>(
      'POST',
      '/api/documents',
      {
        token: t.cast.drafter.token,
        body: { title: '', parties: ['satu'], reviewers: 'BKAD', text: 5 },
      },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details).sort()).toEqual([
      'parties',
      'parties.0',
      'reviewers',
      'text',
      'title',
    ]);
    expect(
      (
        await create(t.cast.drafter.token, {
          title: 'x',
          parties: [t.cast.partyA.code, 'TIDAK-ADA'],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await create(t.cast.drafter.token, {
          title: 'x',
          parties: [t.cast.partyA.code, t.cast.partyA.code],
        })
      ).status,
    ).toBe(400);
    expect(
      (await create(t.cast.drafter.token, { title: 'x', parties: parties(), text: 'tanpa pasal' }))
        .status,
    ).toBe(400);
    expect(await countDocuments()).toBe(before);
  });

  it('hides documents from non-participants with 404, and shows them to participants and admins', async () => {
    const res = await create(t.cast.drafter.token, { title: 'Rahasia', parties: parties() });
    const id = res.body.id;
    expect(
      (await t.call('GET', `/api/documents/${id}`, { token: t.cast.outsider.token })).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/documents/${id}/clauses`, { token: t.cast.outsider.token }))
        .status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/documents/${id}/audit`, { token: t.cast.outsider.token })).status,
    ).toBe(404);
    const outsiderList = await t.call<DocumentView[]>('GET', '/api/documents', {
      token: t.cast.outsider.token,
    });
    expect(outsiderList.body.map((d) => d.id)).not.toContain(id);
    const other = await makeUser(t.server.db, 'admin');
    expect((await t.call('GET', `/api/documents/${id}`, { token: other.token })).status).toBe(200);
    const headList = await t.call<DocumentView[]>('GET', '/api/documents', {
      token: t.cast.headB.token,
    });
    expect(headList.body.map((d) => d.id)).toContain(id);
    expect(
      (await t.call('GET', '/api/documents/bukan-uuid', { token: t.cast.drafter.token })).status,
    ).toBe(404);
    expect(
      (
        await t.call('GET', '/api/documents/00000000-0000-4000-8000-000000000000', {
          token: t.cast.drafter.token,
        })
      ).status,
    ).toBe(404);
    expect((await t.call('GET', `/api/documents/${id}`)).status).toBe(401);
  });

  it('answers /healthz and /metrics', async () => {
    expect((await t.call('GET', '/healthz')).body).toEqual({ ok: true });
    const metrics = await fetch(`${t.server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/selaras_open_documents/);
    expect(metrics).toMatch(/selaras_persistence_latency_seconds/);
  });
});
