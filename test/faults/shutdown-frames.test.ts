import { createDocument, apiClient, makeCast } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { clausesOf, connectClient, typeInto, type Client } from '../collab/clients';
import { buildDoc } from '../../server/documents/text';
import { loadStoredDocument } from '../../server/text/queries';

/*
 * A graceful shutdown closes every socket, but an update the client sent just before its
 * socket was closed is already on its way: the server still receives it during the closing
 * handshake. It must be applied and stored, not dropped because its connection had already
 * been taken out of the room.
 */

let server: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.testDb.drop();
});

it('stores an update that reaches the server while it closes the socket at shutdown', async () => {
  const cast = await makeCast(server.db);
  const id = await createDocument(apiClient(server.url), cast);
  const client = await connectClient(server, id, cast.drafter.token);
  clients.push(client);
  // Sent now; the server reads it only after `close()` below has started closing the socket.
  typeInto(client.doc, 0, 'X');
  const typed = clausesOf(client.doc)[0].text;
  await server.close();

  const stored = await loadStoredDocument(server.db, id);
  const doc = buildDoc(
    stored!.snapshot,
    stored!.updates.map((u) => u.update),
  );
  expect(clausesOf(doc)[0].text).toBe(typed);
  doc.destroy();
});
