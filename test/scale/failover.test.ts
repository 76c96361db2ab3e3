import * as Y from 'yjs';
import { makeCast, apiClient } from '../support/factories';
import { clausesOf, connectClient, sleep, typeInto, waitFor, type Client } from '../collab/clients';
import { buildDoc } from '../../server/documents/text';
import { loadStoredDocument } from '../../server/text/queries';
import type { Db } from '../../server/db';
import type { Clause } from '../../shared/clauses';
import { createCluster, describeCluster, type Cluster } from './cluster';

jest.setTimeout(120_000);

const describeScale = describeCluster();

/** The clauses of what is stored for a document. */
async function storedClauses(db: Db, id: string): Promise<Clause[]> {
  const stored = await loadStoredDocument(db, id);
  const doc = buildDoc(
    stored!.snapshot,
    stored!.updates.map((u) => u.update),
  );
  try {
    return clausesOf(doc);
  } finally {
    doc.destroy();
  }
}

describeScale('an instance killed with SIGKILL while another shares its document', () => {
  let cluster: Cluster;
  const clients: Client[] = [];

  beforeAll(async () => {
    cluster = await createCluster();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await cluster?.teardown();
  });

  it('loses nothing applied more than a second before, and its clients merge on the survivor', async () => {
    const a = await cluster.start();
    const b = await cluster.start();
    const cast = await makeCast(cluster.testDb.db);
    const created = await apiClient(b.url)<{ id: string }>('POST', '/api/documents', {
      token: cast.drafter.token,
      body: {
        title: 'Uji gagal-alih',
        parties: [cast.partyA.code, cast.partyB.code],
        reviewers: [],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const writer = await connectClient(a, id, cast.drafter.token);
    const reader = await connectClient(b, id, cast.drafter.token);
    clients.push(writer, reader);
    typeInto(writer.doc, 0, ' sebelum-mati');
    await waitFor(() => clausesOf(reader.doc)[0].text.includes(' sebelum-mati'), 'the relay');
    await sleep(1_200);
    typeInto(writer.doc, 1, ' saat-mati');
    await a.kill();
    expect(
      await fetch(`${a.url}/healthz`).then(
        () => 'answered',
        () => 'gone',
      ),
    ).toBe('gone');

    expect((await storedClauses(cluster.testDb.db, id))[0].text).toContain(' sebelum-mati');

    // The survivor goes on serving its own clients.
    typeInto(reader.doc, 2, ' penyintas');
    // The writer edits offline, then reconnects to the survivor with everything it holds.
    writer.provider.destroy();
    typeInto(writer.doc, 2, ' luring');
    const rejoined = await connectClient(b, id, cast.drafter.token, writer.doc);
    clients.push(rejoined);
    await waitFor(
      () => JSON.stringify(clausesOf(reader.doc)) === JSON.stringify(clausesOf(writer.doc)),
      'the merge',
      10_000,
    );
    const expected = clausesOf(reader.doc);
    expect(expected[1].text).toContain(' saat-mati');
    expect(expected[2].text).toContain(' luring');
    expect(expected[2].text).toContain(' penyintas');
    // Everything the survivor holds ends up stored, whoever applied it first.
    await waitFor(
      async () =>
        JSON.stringify(await storedClauses(cluster.testDb.db, id)) === JSON.stringify(expected),
      'storage of everything',
      15_000,
    );
    const fresh = new Y.Doc();
    const late = await connectClient(b, id, cast.drafter.token, fresh);
    clients.push(late);
    expect(clausesOf(late.doc)).toEqual(expected);
  });
});
