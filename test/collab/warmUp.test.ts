import { startTestServer, type TestServer } from '../support/server';
import { castAndDocument, clausesOf, connectClient, typeInto, waitFor } from './clients';

// The warm-up at start (server/collab/warmUp.ts) compiles the first open's paths ahead of the
// first user; it must store nothing and leave the server answering as before.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({}, { warmUp: true });
}, 60_000);
afterAll(() => server.stop());

/** Every table with its row count: what "stores nothing" is checked against. */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await server.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    const result = await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(result.rows[0].n);
  }
  return counts;
}

test('warming up stores nothing, and a document opens and takes edits after it', async () => {
  const env = await castAndDocument(server);
  const id = await env.newDocument();
  await server.collab.warmUp();
  const before = await rowCounts();
  expect(before.documents).toBe(1);
  await server.collab.warmUp();
  expect(await rowCounts()).toEqual(before);

  const client = await connectClient(server, id, env.cast.drafter.token);
  try {
    typeInto(client.doc, 0, ' Sesudah pemanasan');
    await waitFor(
      () => clausesOf(server.collab.rooms.peek(id)!.doc)[0].text.includes('Sesudah pemanasan'),
      'the keystrokes at the server',
    );
    await server.collab.flush();
    const stored = await env.call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, {
      token: env.cast.reviewer.token,
    });
    expect(stored.body[0].text.includes('Sesudah pemanasan')).toBe(true);
  } finally {
    client.destroy();
  }
});
