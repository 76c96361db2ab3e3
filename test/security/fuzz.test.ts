import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createApp } from '../../server/http/app';
import { startTestServer, type TestServer } from '../support/server';
import { testDatabaseUrl } from '../support/db';
import { connectClient, rawSocket, waitFor } from '../collab/clients';
import { makeSecurityCast, type SecurityCast } from './cast';
import { makeAgency, makeUser, type TestUser } from '../support/factories';
import { hostileBodies, hostileQuery, hostileSegment, type FuzzBody } from './hostile';
import { registeredRoutes } from './routes';

let server: TestServer;
let cast: SecurityCast;
/** A document at revision 1 with the reviewer's proposal on its first clause. */
let doc: { id: string; clauseId: string; commentId: string };
/** An open rapat penyelarasan on `doc`, and one on a document of its own for the close route. */
let meeting: { id: string; closing: { documentId: string; id: string } };
let tables: string[];

beforeAll(async () => {
  server = await startTestServer();
  cast = await makeSecurityCast(server);
  const id = await cast.newDocument();
  await cast.cutRevision(id);
  const [clauseId] = await cast.clauseIds(id);
  doc = { id, clauseId, commentId: await cast.proposal(id) };
  const openMeeting = async (documentId: string) => {
    const res = await cast.call<{ id: string }>('POST', `/api/documents/${documentId}/meetings`, {
      token: cast.tokenOf('drafter'),
      body: {
        title: 'Rapat Penyelarasan',
        place: 'Ruang Rapat',
        startsAt: new Date().toISOString(),
      },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const other = await cast.newDocument();
  await cast.cutRevision(other);
  meeting = {
    id: await openMeeting(id),
    closing: { documentId: other, id: await openMeeting(other) },
  };
  const { rows } = await server.db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  tables = rows.map((r) => r.name);
}, 60_000);
afterAll(() => server.stop());

/** An agency and a user the account routes change, so the cast's own stay as they are. */
let target: { agency: string; user: TestUser };
beforeAll(async () => {
  const agency = await makeAgency(server.db, 'Sasaran');
  target = { agency: agency.code, user: await makeUser(server.db, 'reviewer', agency.code) };
}, 60_000);

/** A fingerprint of every table (row count and a hash of the rows), to prove a request changed nothing. */
async function fingerprint(except: string[] = []): Promise<Record<string, string>> {
  const parts = tables
    .filter((t) => !except.includes(t))
    .map(
      (t) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${t} x`,
    );
  const { rows } = await server.db.query<{ t: string; f: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** Sends a body as JSON (or raw text labelled JSON); returns the status and the parsed answer. */
async function send(method: string, path: string, body: FuzzBody, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = 'raw' in body ? body.raw : JSON.stringify(body.json);
  const res = await fetch(server.url + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body: parsed };
}

/** GETs a path; a stream is cut off once its status is known. */
async function get(path: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(server.url + path, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) controller.abort();
  const text = await res.text().catch(() => '');
  return { status: res.status, text };
}

/** What a body says a field is (raw bodies are read the way the server reads them). */
function fieldOf(body: FuzzBody, name: string): unknown {
  let value: unknown;
  try {
    value = 'json' in body ? body.json : JSON.parse(body.raw);
  } catch {
    return undefined;
  }
  return value && typeof value === 'object' && Object.hasOwn(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
/**
 * What a stored string reads back as. PGlite decodes each text field with a TextDecoder that drops
 * a leading U+FEFF (PostgreSQL keeps it), so on the embedded engine only, that one character is lost.
 */
const asRead = (value: unknown): unknown => {
  if (testDatabaseUrl()) return value;
  if (typeof value === 'string') return value.replace(/^\ufeff/, '');
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asRead(v)]));
  return value;
};
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const unique = () => randomBytes(4).toString('hex');

/** How one mutating route is fuzzed: who calls it, a valid body, and how to read back what it stored. */
interface MutatingSpec {
  token(): Promise<string | undefined>;
  path(): string;
  valid(): Record<string, unknown>;
  /** Tables a rejected request may change by design (failed logins are counted). */
  mayChange?: string[];
  /** Checks that the strings an accepted request stored come back verbatim. */
  readBack?(sent: FuzzBody, answer: unknown): Promise<void>;
}

const json = async <T>(path: string, token: string): Promise<T> => {
  const res = await cast.call<T>('GET', path, { token });
  expect(res.status).toBe(200);
  return res.body;
};

const MUTATING: Record<string, MutatingSpec> = {
  'POST /api/auth/login': {
    token: async () => undefined,
    path: () => '/api/auth/login',
    valid: () => ({ email: `nobody-${unique()}@uji.test`, password: 'kata-sandi' }),
    mayChange: ['login_failures', 'sessions'],
  },
  'POST /api/auth/logout': {
    token: () => cast.freshToken('reviewer'),
    path: () => '/api/auth/logout',
    valid: () => ({}),
    mayChange: ['sessions'],
  },
  'POST /api/agencies': {
    token: async () => cast.tokenOf('admin'),
    path: () => '/api/agencies',
    valid: () => ({ code: `AG-${unique().toUpperCase()}`, name: 'Bappeda' }),
    async readBack(sent) {
      const all = await json<{ code: string; name: string }[]>(
        '/api/agencies',
        cast.tokenOf('admin')!,
      );
      const code = trimmed(fieldOf(sent, 'code'));
      expect(all.find((a) => a.code === code)?.name).toBe(trimmed(fieldOf(sent, 'name')));
    },
  },
  'POST /api/users': {
    token: async () => cast.tokenOf('admin'),
    path: () => '/api/users',
    valid: () => ({
      email: `u-${unique()}@uji.test`,
      name: 'Pengguna',
      password: 'kata-sandi-panjang',
      role: 'reviewer',
      agency: cast.agencies.inspectorate.code,
    }),
    async readBack(sent, answer) {
      const all = await json<{ id: string; name: string }[]>('/api/users', cast.tokenOf('admin')!);
      const id = (answer as { id: string }).id;
      expect(all.find((u) => u.id === id)?.name).toBe(trimmed(fieldOf(sent, 'name')));
    },
  },
  'POST /api/documents': {
    token: async () => cast.tokenOf('drafter'),
    path: () => '/api/documents',
    valid: () => ({
      title: 'Nota Kesepakatan',
      parties: [cast.agencies.partyA.code, cast.agencies.partyB.code],
      reviewers: [],
    }),
    async readBack(sent, answer) {
      const id = (answer as { id: string }).id;
      const stored = await json<{ title: string }>(
        `/api/documents/${id}`,
        cast.tokenOf('drafter')!,
      );
      expect(stored.title).toBe(trimmed(fieldOf(sent, 'title')));
    },
  },
  'POST /api/documents/import': {
    token: async () => cast.tokenOf('drafter'),
    path: () => '/api/documents/import',
    valid: () => ({
      parties: `${cast.agencies.partyA.code},${cast.agencies.partyB.code}`,
      title: 'Impor',
    }),
  },
  'POST /api/documents/:id/revisions': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${doc.id}/revisions`,
    valid: () => ({ label: 'Putaran' }),
    async readBack(sent, answer) {
      const n = (answer as { number: number }).number;
      const stored = await json<{ label: string | null }>(
        `/api/documents/${doc.id}/revisions/${n}`,
        cast.tokenOf('drafter')!,
      );
      expect(stored.label).toBe(trimmed(fieldOf(sent, 'label')) || null);
    },
  },
  'POST /api/documents/:id/revisions/:n/signoffs': {
    token: async () => cast.tokenOf('reviewer'),
    // The latest revision moves as the revisions route is fuzzed; sign whatever is latest.
    path: () => `/api/documents/${doc.id}/revisions/${latest}/signoffs`,
    valid: () => ({ decision: 'changes_requested', note: 'Catatan' }),
    async readBack(sent) {
      const all = await json<{ agency: { code: string }; note: string | null }[]>(
        `/api/documents/${doc.id}/signoffs`,
        cast.tokenOf('reviewer')!,
      );
      const mine = all.find((s) => s.agency.code === cast.agencies.inspectorate.code);
      expect(mine?.note).toBe(asRead(fieldOf(sent, 'note') ?? null));
    },
  },
  'PUT /api/documents/:id/concerns/:agencyCode': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${doc.id}/concerns/${cast.agencies.inspectorate.code}`,
    valid: () => ({ clauses: [doc.clauseId] }),
  },
  'PUT /api/agencies/:code/tiers': {
    token: async () => cast.tokenOf('admin'),
    path: () => `/api/agencies/${cast.agencies.inspectorate.code}/tiers`,
    valid: () => ({ tiers: [{ label: 'Kepala Subbagian', members: [] }] }),
  },
  'PUT /api/documents/:id/parties/:agencyCode': {
    token: async () => cast.tokenOf('drafter'),
    // An accepted record rewrites the komparisi in the live text; that edit is stored and its
    // editing session audited after the response, so it may land while a later rejection runs.
    mayChange: ['audit_events', 'edit_sessions', 'document_updates', 'document_snapshots'],
    path: () => `/api/documents/${doc.id}/parties/${cast.agencies.partyA.code}`,
    valid: () => ({
      officialName: 'Pihak A',
      signatoryName: 'Nama Penandatangan',
      signatoryTitle: 'Kepala',
      authority: 'Keputusan Nomor 1',
      meterai: true,
    }),
    async readBack(sent) {
      const all = await json<Record<string, { signatoryName: string }>>(
        `/api/documents/${doc.id}/parties`,
        cast.tokenOf('drafter')!,
      );
      expect(all[cast.agencies.partyA.code]?.signatoryName).toBe(
        trimmed(fieldOf(sent, 'signatoryName')),
      );
    },
  },
  'POST /api/documents/:id/approve': {
    token: async () => cast.tokenOf('headParty'),
    path: () => `/api/documents/${doc.id}/approve`,
    valid: () => ({ revision: 1 }),
  },
  'DELETE /api/documents/:id/approve': {
    token: async () => cast.tokenOf('headParty'),
    path: () => `/api/documents/${doc.id}/approve`,
    valid: () => ({}),
  },
  'PATCH /api/agencies/:code': {
    token: async () => cast.tokenOf('admin'),
    path: () => `/api/agencies/${target.agency}`,
    valid: () => ({ name: 'Badan Sasaran', kind: 'reviewer' }),
    async readBack(sent) {
      const all = await json<{ code: string; name: string }[]>(
        '/api/agencies',
        cast.tokenOf('admin')!,
      );
      const name = fieldOf(sent, 'name');
      if (name !== undefined)
        expect(all.find((a) => a.code === target.agency)?.name).toBe(trimmed(asRead(name)));
    },
  },
  'PATCH /api/users/:id': {
    token: async () => cast.tokenOf('admin'),
    path: () => `/api/users/${target.user.id}`,
    valid: () => ({ name: 'Pengguna Sasaran', role: 'reviewer', agency: target.agency }),
    async readBack(sent) {
      const all = await json<{ id: string; name: string }[]>('/api/users', cast.tokenOf('admin')!);
      const name = fieldOf(sent, 'name');
      if (name !== undefined)
        expect(all.find((u) => u.id === target.user.id)?.name).toBe(trimmed(asRead(name)));
    },
  },
  'POST /api/users/:id/password': {
    token: async () => cast.tokenOf('admin'),
    path: () => `/api/users/${target.user.id}/password`,
    valid: () => ({ password: target.user.password }),
  },
  'POST /api/me/password': {
    token: async () => target.user.token,
    path: () => '/api/me/password',
    // The same password again: accepted, and the next run still knows the current one.
    valid: () => ({ currentPassword: target.user.password, newPassword: target.user.password }),
    mayChange: ['login_failures'],
  },
  'POST /api/documents/:id/comments': {
    token: async () => cast.tokenOf('reviewer'),
    path: () => `/api/documents/${doc.id}/comments`,
    valid: () => ({
      clauseId: doc.clauseId,
      body: 'Komentar',
      proposal: { heading: 'Judul', text: 'Redaksi' },
    }),
    async readBack(sent, answer) {
      const id = (answer as { id: string }).id;
      const all = await json<{ id: string; body: string; proposal: unknown }[]>(
        `/api/documents/${doc.id}/comments`,
        cast.tokenOf('reviewer')!,
      );
      const stored = all.find((c) => c.id === id);
      expect(stored?.body).toBe(asRead(fieldOf(sent, 'body')));
      expect(stored?.proposal ?? undefined).toEqual(asRead(fieldOf(sent, 'proposal')));
    },
  },
  // JSON bodies carry no file: every one is refused, and nothing is stored.
  'POST /api/documents/:id/responses': {
    token: async () => cast.tokenOf('reviewer'),
    path: () => `/api/documents/${doc.id}/responses`,
    valid: () => ({ preview: '1' }),
  },
  'POST /api/documents/:id/comments/:commentId/resolve': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${doc.id}/comments/${doc.commentId}/resolve`,
    valid: () => ({}),
  },
  'POST /api/documents/:id/comments/:commentId/read': {
    token: async () => cast.tokenOf('reviewer'),
    path: () => `/api/documents/${doc.id}/comments/${doc.commentId}/read`,
    valid: () => ({}),
  },
  'PUT /api/me/settings': {
    token: async () => cast.tokenOf('reviewer'),
    path: () => '/api/me/settings',
    valid: () => ({ mailMode: 'daily' }),
  },
  'POST /api/documents/:id/meetings': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${doc.id}/meetings`,
    valid: () => ({ title: 'Rapat Lanjutan', place: 'Aula', startsAt: new Date().toISOString() }),
  },
  'POST /api/documents/:id/meetings/:meetingId/attend': {
    token: async () => cast.tokenOf('reviewer'),
    path: () => `/api/documents/${doc.id}/meetings/${meeting.id}/attend`,
    valid: () => ({ jabatan: 'Kepala Subbagian' }),
  },
  'PUT /api/documents/:id/meetings/:meetingId/decisions/:clauseId': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${doc.id}/meetings/${meeting.id}/decisions/${doc.clauseId}`,
    valid: () => ({ decision: 'ditunda', note: 'Menunggu data', followUp: 'Biro Hukum' }),
  },
  'POST /api/documents/:id/meetings/:meetingId/close': {
    token: async () => cast.tokenOf('drafter'),
    path: () => `/api/documents/${meeting.closing.documentId}/meetings/${meeting.closing.id}/close`,
    valid: () => ({}),
  },
  'POST /api/documents/:id/comments/:commentId/accept': {
    token: async () => cast.tokenOf('drafter'),
    // An accepted proposal is an edit of the live text: stored and its editing session audited
    // after the response, so it may land while a later rejection runs.
    mayChange: ['audit_events', 'edit_sessions', 'document_updates', 'document_snapshots'],
    path: () => `/api/documents/${doc.id}/comments/${doc.commentId}/accept`,
    valid: () => ({}),
  },
};
let latest = 1;

const FIELDS = (valid: Record<string, unknown>) =>
  Object.keys(valid).length ? Object.keys(valid) : ['extra'];
const routes = () => registeredRoutes(createApp(server.ctx));

describe('hostile JSON', () => {
  it('has a fuzz spec for every route that changes state', () => {
    const mutating = routes().filter((r) => !r.startsWith('GET '));
    expect(Object.keys(MUTATING).sort()).toEqual(mutating);
  });

  it.each(Object.keys(MUTATING))(
    '%s: never a 500, rejections change nothing, what is stored comes back verbatim',
    async (route) => {
      const spec = MUTATING[route];
      const [method] = route.split(' ');
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constant(null).chain(() => hostileBodies(spec.valid(), FIELDS(spec.valid()))),
          async (body) => {
            const before = await fingerprint(spec.mayChange);
            const res = await send(method, spec.path(), body, await spec.token());
            expect(res.status).toBeLessThan(500);
            // JSON (or nothing, for 204), never an HTML error page.
            if (res.status !== 204) expect(res.body).toMatchObject({});
            if (res.status >= 400) {
              expect(res.body).toMatchObject({
                error: { code: expect.any(String), message: expect.any(String) },
              });
              expect(await fingerprint(spec.mayChange)).toEqual(before);
              return;
            }
            accepted += 1;
            if (route === 'POST /api/documents/:id/revisions')
              latest = (res.body as { number: number }).number;
            await spec.readBack?.(body, res.body);
          },
        ),
        // Every login that gets as far as the password costs a scrypt hash. The valid body goes
        // first, so a route that stores strings has stored (and read back) at least one.
        {
          numRuns: route === 'POST /api/auth/login' ? 20 : 30,
          examples: [[{ json: spec.valid() }]],
        },
      );
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect({}).not.toHaveProperty('role');
      // Logged-in state and the server itself are fine afterwards.
      expect((await get('/healthz', cast.tokenOf('admin')!)).status).toBe(200);
      // Without an accepted request the read-back check above never ran.
      if (spec.readBack) expect(accepted).toBeGreaterThan(0);
    },
  );
});

describe('hostile paths and query strings', () => {
  it('answers every route with hostile path segments without a 500', async () => {
    const all = routes();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all),
        fc.array(hostileSegment, { minLength: 4, maxLength: 4 }),
        async (route, segments) => {
          const [method, pattern] = route.split(' ');
          const params = pattern.match(/:[A-Za-z]+/g) ?? [];
          if (!params.length) return;
          let i = 0;
          const path = pattern.replace(/:[A-Za-z]+/g, () => segments[i++]);
          const before = await fingerprint(['login_failures', 'sessions']);
          const res =
            method === 'GET'
              ? await get(path, cast.tokenOf('drafter')!)
              : await send(
                  method,
                  path,
                  { json: MUTATING[route]?.valid() ?? {} },
                  cast.tokenOf('drafter'),
                );
          expect({ route, path, status: res.status }).toEqual({
            route,
            path,
            status: expect.any(Number),
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400 && method !== 'GET')
            expect(await fingerprint(['login_failures', 'sessions'])).toEqual(before);
        },
      ),
      { numRuns: 120 },
    );
  });

  // The random walk above may miss a route; a NUL byte in every parameter of every route may not.
  it.each(['%00', '%C0%AF', 'a%00b'])(
    'answers every route with %s in each path parameter without a 500',
    async (segment) => {
      for (const route of routes()) {
        const [method, pattern] = route.split(' ');
        if (!pattern.includes(':')) continue;
        const path = pattern.replace(/:[A-Za-z]+/g, segment);
        const res =
          method === 'GET'
            ? await get(path, cast.tokenOf('drafter')!)
            : await send(
                method,
                path,
                { json: MUTATING[route]?.valid() ?? {} },
                cast.tokenOf('drafter'),
              );
        expect({ route, status: res.status < 500 }).toEqual({ route, status: true });
      }
    },
  );

  it('answers every GET route with hostile query strings without a 500', async () => {
    // Rendering a PDF takes a while; those routes get their one query parameter only.
    const gets = routes().filter((r) => r.startsWith('GET ') && !r.includes('/export.'));
    const concrete = (pattern: string) =>
      pattern
        .replace(':id', doc.id)
        .replace(':n', '1')
        .replace(':commentId', doc.commentId)
        .replace(':agencyCode', cast.agencies.inspectorate.code);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...gets),
        hostileQuery(['clauseId', 'from', 'revision']),
        async (route, query) => {
          const path = `${concrete(route.slice(4))}?${query}`;
          const res = await get(path, cast.tokenOf('drafter')!);
          expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('docx', 'pdf'),
        hostileQuery(['revision']),
        async (format, query) => {
          const path = `/api/documents/${doc.id}/export.${format}?${query.replace(/(^|&)[^=&]*=/g, '$1revision=')}`;
          const res = await get(path, cast.tokenOf('drafter')!);
          expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('hostile frames on the collaboration socket', () => {
  it('survives random binary frames: the server stays healthy and the document intact', async () => {
    const id = await cast.newDocument();
    const before = await json<unknown>(`/api/documents/${id}/clauses`, cast.tokenOf('drafter')!);
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .tuple(
          fc.constantFrom([0, 0], [0, 1], [0, 2], [1], [3], [2, 0]),
          fc.uint8Array({ maxLength: 300 }),
        )
        .map(([head, tail]) => new Uint8Array([...head, ...tail])),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('drafter', 'reviewer'),
        fc.array(frame, { minLength: 1, maxLength: 6 }),
        async (who, frames) => {
          const socket = await rawSocket(
            server,
            `/collab/${id}?token=${cast.tokenOf(who as 'drafter')}`,
          );
          for (const f of frames) if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(f);
          socket.ws.close();
          await socket.closed;
        },
      ),
      { numRuns: 30 },
    );
    expect((await get('/healthz', cast.tokenOf('admin')!)).status).toBe(200);
    const client = await connectClient(server, id, cast.tokenOf('drafter')!);
    try {
      await waitFor(() => client.provider.synced, 'sync after the noise');
      expect(await json<unknown>(`/api/documents/${id}/clauses`, cast.tokenOf('drafter')!)).toEqual(
        before,
      );
    } finally {
      client.destroy();
    }
  });
});

describe('the counterexamples fuzzing found', () => {
  it('refuses NUL bytes and lone surrogates with a 400 naming the field, storing nothing', async () => {
    const before = await fingerprint();
    for (const body of ['a\u0000b', 'x\ud800', '\udfff']) {
      const res = await cast.call<{ error: { details: Record<string, string> } }>(
        'POST',
        `/api/documents/${doc.id}/comments`,
        {
          token: cast.tokenOf('reviewer'),
          body: { clauseId: doc.clauseId, body: 'ok', proposal: { text: body } },
        },
      );
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.details)).toEqual(['proposal.text']);
    }
    const agency = await cast.call('POST', '/api/agencies', {
      token: cast.tokenOf('admin'),
      body: { code: 'AG-NUL', name: 'Bad\u0000' },
    });
    expect(agency.status).toBe(400);
    const login = await cast.call('POST', '/api/auth/login', {
      body: { email: 'a\u0000@b.c', password: 'x' },
    });
    expect(login.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });

  it('answers 400, not 500, to a path segment that is not valid percent-encoding', async () => {
    for (const path of [
      `/api/documents/%E0%A4%A`,
      `/api/documents/%/comments`,
      `/api/documents/${doc.id}/comments/%ZZ/accept`,
    ]) {
      const res = await cast.call<{ error: { code: string } }>('POST', path, {
        token: cast.tokenOf('drafter'),
        body: {},
      });
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({
        path,
        status: 400,
        code: 'invalid_input',
      });
    }
  });
});
