import { hashToken } from '../../server/accounts/tokens';
import { MAX_EVENT_STREAMS_PER_USER } from '../../server/accounts/connectionCap';
import { startTestServer, type TestServer } from '../support/server';
import {
  apiClient,
  draftDocument,
  makeCast,
  makeUser,
  type ApiClient,
  type Cast,
  type TestUser,
} from '../support/factories';
import { sleep, waitFor } from '../collab/clients';

let server: TestServer;
let call: ApiClient;
let cast: Cast;
let doc: { id: string; clauseId: string };

beforeAll(async () => {
  // Expiry and sign-outs on other instances are found by a check once a second here.
  server = await startTestServer({ SESSION_CHECK_SECONDS: '1' });
  call = apiClient(server.url);
  cast = await makeCast(server.db);
  const drafted = await draftDocument(call, cast);
  doc = { id: drafted.id, clauseId: drafted.clauses[0].id };
}, 120_000);
afterAll(() => server.stop());

/** An event stream read as it arrives, which knows when the server ended it. */
interface Stream {
  status: number;
  headers: Headers;
  readonly received: string;
  readonly ended: boolean;
  close(): Promise<void>;
}

async function openStream(token: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/documents/${doc.id}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  let received = '';
  let ended = false;
  const reader = res.body!.getReader();
  const reading = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value);
    }
    ended = true;
  })().catch(() => undefined);
  return {
    status: res.status,
    headers: res.headers,
    get received() {
      return received;
    },
    get ended() {
      return ended;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

const comment = async (body: string) => {
  const res = await call('POST', `/api/documents/${doc.id}/comments`, {
    token: cast.drafter.token,
    body: { clauseId: doc.clauseId, body },
  });
  expect(res.status).toBe(201);
};

const reviewer = () => makeUser(server.db, 'reviewer', cast.inspectorate.code);

async function seesComment(stream: Stream, body: string) {
  await comment(body);
  await waitFor(() => stream.received.includes(body), `the comment "${body}" on the stream`);
}

describe('the event stream of a session that ends', () => {
  it('ends at once on logout and delivers nothing afterwards', async () => {
    const user = await reviewer();
    const stream = await openStream(user.token);
    try {
      expect(stream.status).toBe(200);
      await seesComment(stream, 'sebelum keluar');
      expect((await call('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
      // Well within the one-second check: the sign-out itself ends the stream.
      await waitFor(() => stream.ended, 'the stream ended by the logout', 500);
      expect(stream.received).toContain('event: session.ended');
      await comment('isi rahasia setelah keluar');
      await sleep(1_500);
      expect(stream.received).not.toContain('isi rahasia setelah keluar');
      // Reconnecting with the same token is refused.
      expect((await openStream(user.token)).status).toBe(401);
    } finally {
      await stream.close();
    }
  });

  it('ends when the session expires and delivers nothing afterwards', async () => {
    const user = await reviewer();
    const colleague = await reviewer();
    const [stream, stays] = await Promise.all([
      openStream(user.token),
      openStream(colleague.token),
    ]);
    try {
      await seesComment(stream, 'sebelum kedaluwarsa');
      await server.db.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
        [hashToken(user.token)],
      );
      await waitFor(() => stream.ended, 'the stream of the expired session ended', 3_000);
      await comment('isi rahasia setelah kedaluwarsa');
      await waitFor(
        () => stays.received.includes('isi rahasia setelah kedaluwarsa'),
        'the live colleague still receiving events',
      );
      expect(stream.received).not.toContain('isi rahasia setelah kedaluwarsa');
      expect(stays.ended).toBe(false);
    } finally {
      await Promise.all([stream.close(), stays.close()]);
    }
  });
});

describe('event streams per user', () => {
  it(`refuses the stream past ${MAX_EVENT_STREAMS_PER_USER} of one user with 429, and frees a place when one closes`, async () => {
    const user: TestUser = await reviewer();
    const other = await reviewer();
    const streams = await Promise.all(
      Array.from({ length: MAX_EVENT_STREAMS_PER_USER }, () => openStream(user.token)),
    );
    const extra: Stream[] = [];
    try {
      expect(streams.map((s) => s.status)).toEqual(streams.map(() => 200));
      const refused = await call<{ error: { code: string } }>(
        'GET',
        `/api/documents/${doc.id}/events`,
        { token: user.token },
      );
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('too_many_requests');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another user is not affected.
      extra.push(await openStream(other.token));
      expect(extra[0].status).toBe(200);
      await streams.pop()!.close();
      await waitFor(async () => {
        const again = await openStream(user.token);
        extra.push(again);
        return again.status === 200;
      }, 'a place freed by the closed stream');
    } finally {
      await Promise.all([...streams, ...extra].map((s) => s.close()));
    }
  });
});

describe('Cache-Control', () => {
  it('is no-store on every /api response, answered or refused', async () => {
    const responses = await Promise.all([
      call('GET', '/api/me', { token: cast.drafter.token }),
      call('GET', `/api/documents/${doc.id}`, { token: cast.drafter.token }),
      call('GET', `/api/documents/${doc.id}/comments`, { token: cast.drafter.token }),
      call('GET', '/api/me'),
      call('GET', '/api/tidak-ada', { token: cast.drafter.token }),
      call('POST', '/api/auth/login', { body: { email: 'x@uji.test', password: 'salah-sekali' } }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 401, 404, 401]);
    for (const res of responses) expect(res.headers.get('cache-control')).toBe('no-store');
    const stream = await openStream(cast.drafter.token);
    try {
      expect(stream.headers.get('cache-control')).toMatch(/no-store/);
    } finally {
      await stream.close();
    }
  });
});
