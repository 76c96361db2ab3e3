import { Writable } from 'node:stream';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/server';
import { createTestDb, type TestDb } from '../support/db';
import {
  apiClient,
  draftDocument,
  makeCast,
  type ApiClient,
  type Cast,
} from '../support/factories';

const TOO_BIG = 2 ** 31;

let testDb: TestDb;
let server: RunningServer;
let call: ApiClient;
let cast: Cast;
let documentId: string;
let output = '';

beforeAll(async () => {
  testDb = await createTestDb();
  // The server's own logger at its most talkative level, written into `output`.
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const log = createLogger('trace', capture);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0' });
  server = await startServer(config, { db: testDb.db, log });
  call = apiClient(server.url);
  cast = await makeCast(server.db);
  documentId = (await draftDocument(call, cast)).id;
  const revision = await call('POST', `/api/documents/${documentId}/revisions`, {
    token: cast.drafter.token,
    body: {},
  });
  expect(revision.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await server.close();
  await testDb.drop();
});

describe('numbers outside a database integer', () => {
  it('are refused with 400 naming the field, before any SQL, wherever they come in', async () => {
    const token = cast.headA.token;
    const approve = await call<{ error: { code: string; details: Record<string, string> } }>(
      'POST',
      `/api/documents/${documentId}/approve`,
      { token, body: { revision: TOO_BIG } },
    );
    expect(approve.status).toBe(400);
    expect(approve.body.error.code).toBe('invalid_input');
    expect(Object.keys(approve.body.error.details)).toEqual(['revision']);
    for (const revision of [2 ** 53, -1, 0, 1.5, 1e300])
      expect(
        (await call('POST', `/api/documents/${documentId}/approve`, { token, body: { revision } }))
          .status,
      ).toBe(400);
    const base = `/api/documents/${documentId}/revisions`;
    const statuses = await Promise.all([
      call('GET', `${base}/${TOO_BIG}`, { token }),
      call('GET', `${base}/99999999999999999999999`, { token }),
      call('GET', `${base}/1/diff?from=${TOO_BIG}`, { token }),
      call('POST', `${base}/${TOO_BIG}/signoffs`, { token, body: { decision: 'approve' } }),
      call('GET', `/api/documents/${documentId}/export.docx?revision=${TOO_BIG}`, { token }),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    // A well-formed number that names no revision is still unknown.
    expect((await call('GET', `${base}/2147483647`, { token })).status).toBe(404);
    // The request log names the paths (which hold the number); nothing else mentions it.
    const others = output.split('\n').filter((l) => l && !l.includes('"msg":"request"'));
    expect(others.filter((l) => l.includes(String(TOO_BIG)))).toEqual([]);
    expect(output).not.toMatch(/"level":50/);
  });
});

describe('the server log', () => {
  it('never carries the values, parameters or query of a failed SQL statement', async () => {
    output = '';
    const secret = 'NILAI-RAHASIA-7F3A';
    const failures: unknown[] = [];
    for (const [sql, params] of [
      ['SELECT $1::int AS n', [String(TOO_BIG)]],
      ['SELECT $1::uuid AS id', [secret]],
      ["INSERT INTO agencies (code, name) VALUES ($1, 'x'), ($1, 'y')", [secret]],
    ] as const) {
      failures.push(await server.db.query(sql, [...params]).catch((error: unknown) => error));
    }
    expect(failures.every((f) => f instanceof Error)).toBe(true);
    for (const error of failures) {
      server.ctx.log.error({ err: error }, 'query failed');
      server.ctx.log.error({ err: new Error('wrapped', { cause: error }) }, 'query failed');
    }
    const lines = output.split('\n').filter((l) => l.includes('"query failed"'));
    expect(lines).toHaveLength(6);
    // The error is still recognisable by its SQLSTATE.
    expect(output).toContain('"code":"22003"');
    expect(output).toContain('"code":"23505"');
    for (const leaked of [secret, String(TOO_BIG), 'SELECT $1', '"params"', '"detail"', '"where"'])
      expect({ leaked, found: output.includes(leaked) }).toEqual({ leaked, found: false });
  });
});
