import { startTestServer, type TestServer } from '../support/server';

// An idle kept-alive connection is closed by the client (or a proxy in front), never by the
// server as a request arrives on it: that reset a request (ECONNRESET) in a test whose event
// loop was busy past Node's default keep-alive of 5 s.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.stop());

test('an idle connection is kept for 65 s, past a proxy’s usual 60 s', async () => {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(res.headers.get('keep-alive')).toBe('timeout=65');
});
