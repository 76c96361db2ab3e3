import { startTestServer, type TestServer } from '../support/server';
import {
  castAndDocument,
  clausesOf,
  connectClient,
  typeInto,
  waitFor,
  type Client,
} from './clients';

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => server.stop());

const open = async (documentId: string, token: string) => {
  const client = await connectClient(server, documentId, token);
  clients.push(client);
  return client;
};

describe('live editing', () => {
  it('converges two drafters editing the same clause at once', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.admin.token);
    expect(clausesOf(a.doc)).toEqual(clausesOf(b.doc));
    typeInto(a.doc, 0, ' alpha');
    typeInto(b.doc, 0, ' beta');
    await waitFor(
      () => JSON.stringify(clausesOf(a.doc)) === JSON.stringify(clausesOf(b.doc)),
      'convergence',
    );
    const text = clausesOf(a.doc)[0].text;
    expect(text).toContain('alpha');
    expect(text).toContain('beta');
  });
});
