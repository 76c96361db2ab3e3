import { startTestServer, type TestServer } from '../support/server';
import { apiClient, createDocument, makeCast } from '../support/factories';
import { docxText, normalise, pdfPages } from './readBack';
import type { Clause } from '../../shared/clauses';

let server: TestServer;
let call: ReturnType<typeof apiClient>;
let cast: Awaited<ReturnType<typeof makeCast>>;
let documentId: string;
let clauses: Clause[];

beforeAll(async () => {
  server = await startTestServer();
  call = apiClient(server.url);
  cast = await makeCast(server.db);
  documentId = await createDocument(call, cast, { title: 'Nota uji ekspor' });
  clauses = (
    await call<{ clauses: Clause[] }>('POST', `/api/documents/${documentId}/revisions`, {
      token: cast.drafter.token,
      body: {},
    })
  ).body.clauses;
  await call('POST', `/api/documents/${documentId}/revisions/1/signoffs`, {
    token: cast.reviewer.token,
    body: { decision: 'approve' },
  });
}, 120_000);
afterAll(() => server.stop());

async function download(path: string, token: string) {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

function upload(
  file: Buffer | null,
  fields: Record<string, string>,
  token: string,
  name = 'draf.docx',
  field = 'file',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append(field, new Blob([new Uint8Array(file)]), name);
  return fetch(`${server.url}/api/documents/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as { id: string; error?: { code: string; details?: unknown } },
  }));
}

const countDocuments = async () =>
  (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n;

describe('export and import over HTTP', () => {
  it('exports the latest revision as a DOCX with every Pasal, the parties and the paraf table', async () => {
    const res = await download(`/api/documents/${documentId}/export.docx`, cast.reviewer.token);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/wordprocessingml/);
    const text = normalise(await docxText(res.body));
    for (const c of clauses) {
      expect(text).toContain(`Pasal ${c.number}`);
      expect(text).toContain(normalise(c.heading));
    }
    expect(text).toContain(cast.partyA.name);
    expect(text).toContain('PARAF KOORDINASI');
    expect(text).toContain(cast.reviewer.name);
  });

  it('exports a PDF of a chosen revision, and 404s for an unknown one or an outsider', async () => {
    const res = await download(
      `/api/documents/${documentId}/export.pdf?revision=1`,
      cast.headA.token,
    );
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = normalise((await pdfPages(res.body)).join(' '));
    expect(text).toContain(normalise(clauses.at(-1)!.heading));
    expect(text).toContain(cast.partyB.name);
    expect(
      (await download(`/api/documents/${documentId}/export.pdf?revision=9`, cast.headA.token))
        .status,
    ).toBe(404);
    expect(
      (await download(`/api/documents/${documentId}/export.pdf`, cast.outsider.token)).status,
    ).toBe(404);
  });

  it('imports an exported DOCX back to the same clauses', async () => {
    const docx = (await download(`/api/documents/${documentId}/export.docx`, cast.drafter.token))
      .body;
    const res = await upload(
      docx,
      { parties: `${cast.partyA.code},${cast.partyB.code}`, reviewers: cast.inspectorate.code },
      cast.drafter.token,
    );
    expect(res.status).toBe(201);
    const imported = await call<Clause[]>('GET', `/api/documents/${res.body.id}/clauses`, {
      token: cast.drafter.token,
    });
    expect(imported.body.map(({ number, heading, text }) => ({ number, heading, text }))).toEqual(
      clauses.map(({ number, heading, text }) => ({ number, heading, text })),
    );
  });

  it('rejects garbage, missing files, bad fields and non-drafters with nothing created', async () => {
    const before = await countDocuments();
    const parties = `${cast.partyA.code},${cast.partyB.code}`;
    expect(
      (await upload(Buffer.from('bukan docx sama sekali'), { parties }, cast.drafter.token)).status,
    ).toBe(400);
    expect((await upload(null, { parties }, cast.drafter.token)).status).toBe(400);
    expect((await upload(Buffer.from('x'), { parties: 'satu' }, cast.drafter.token)).status).toBe(
      400,
    );
    expect((await upload(Buffer.from('x'), { parties }, cast.reviewer.token)).status).toBe(403);
    // A file under another field name: multer's English message is not passed on.
    const wrongField = await upload(
      Buffer.from([1, 2, 3]),
      { parties },
      cast.drafter.token,
      'draf.docx',
      'lampiran',
    );
    expect(wrongField.status).toBe(400);
    expect(wrongField.body).toMatchObject({
      error: { code: 'invalid_input', details: { file: 'berkas harus dikirim di kolom "file"' } },
    });
    const huge = await upload(Buffer.alloc(11 * 1024 * 1024, 1), { parties }, cast.drafter.token);
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe('too_large');
    expect(await countDocuments()).toBe(before);
  });
});
