import { ServerProcess, seedDocument } from '../support/process';
import { clausesOf, connectClient, sleep, typeInto, waitFor, type Client } from './clients';

jest.setTimeout(300_000);

let server: ServerProcess;
const clients: Client[] = [];

beforeAll(async () => {
  server = await ServerProcess.create();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

describe('a server killed with SIGKILL', () => {
  it('restarts with every update applied more than a second before the kill, and clients merge the rest', async () => {
    await server.start();
    const { id, adminToken: token } = await seedDocument(server.url, 'Uji ketahanan');

    const writer = await connectClient(server, id, token);
    clients.push(writer);
    typeInto(writer.doc, 0, ' tersimpan-sebelum-mati');
    await sleep(1_200);
    typeInto(writer.doc, 1, ' diketik-saat-mati');
    await server.kill();
    const after = await fetch(`${server.url}/healthz`).then(
      async (r) => `answered ${r.status}`,
      () => 'gone',
    );
    expect(after).toBe('gone');
    // Keep the writer's own copy away from the restarted server until the check below.
    writer.provider.disconnect();

    await server.start();
    const reader = await connectClient(server, id, token);
    clients.push(reader);
    expect(clausesOf(reader.doc)[0].text).toContain(' tersimpan-sebelum-mati');

    writer.provider.connect();
    await waitFor(
      () => clausesOf(reader.doc)[1].text.includes(' diketik-saat-mati'),
      'the writer’s merge',
      10_000,
    );
    expect(clausesOf(reader.doc)).toEqual(clausesOf(writer.doc));
  });
});
