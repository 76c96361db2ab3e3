import { apiClient, createDocument, makeCast, type Cast } from '../support/factories';
import { openEventStream } from '../support/events';
import { clausesOf, connectClient, sleep, typeInto, waitFor, type Client } from '../collab/clients';
import { countUpdates } from '../../server/text/queries';
import { createCluster, describeCluster, type Cluster, type Instance } from './cluster';

jest.setTimeout(120_000);

const describeScale = describeCluster();

describeScale('two instances sharing one database through Redis', () => {
  let cluster: Cluster;
  let a: Instance;
  let b: Instance;
  let cast: Cast;
  const clients: Client[] = [];

  beforeAll(async () => {
    cluster = await createCluster();
    a = await cluster.start();
    b = await cluster.start();
    cast = await makeCast(cluster.testDb.db);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await cluster?.teardown();
  });

  const newDocument = () =>
    createDocument(apiClient(a.url), cast, { title: 'Nota Kesepakatan Lintas Instans' });
  const connect = async (instance: Instance, id: string, token = cast.drafter.token) => {
    const client = await connectClient(instance, id, token);
    clients.push(client);
    return client;
  };
  const converged = (x: Client, y: Client) =>
    JSON.stringify(clausesOf(x.doc)) === JSON.stringify(clausesOf(y.doc));

  it('reports Redis in /healthz on both instances', async () => {
    for (const instance of [a, b]) {
      const health = await apiClient(instance.url)('GET', '/healthz');
      expect(health.body).toEqual({ ok: true, redis: true });
    }
  });

  it('relays edits both ways, and text typed on both at once converges', async () => {
    const id = await newDocument();
    const onA = await connect(a, id);
    const onB = await connect(b, id);
    typeInto(onA.doc, 0, ' dari-A');
    await waitFor(() => clausesOf(onB.doc)[0].text.includes(' dari-A'), 'A’s edit on B');
    typeInto(onB.doc, 1, ' dari-B');
    await waitFor(() => clausesOf(onA.doc)[1].text.includes(' dari-B'), 'B’s edit on A');

    typeInto(onA.doc, 2, ' serentak-A');
    typeInto(onB.doc, 2, ' serentak-B');
    await waitFor(() => converged(onA, onB), 'convergence', 10_000);
    const text = clausesOf(onA.doc)[2].text;
    expect(text).toContain('serentak-A');
    expect(text).toContain('serentak-B');
    const late = await connect(b, id);
    expect(clausesOf(late.doc)).toEqual(clausesOf(onA.doc));
  });

  it('relays awareness both ways and removes a leaver’s cursor on the other instance', async () => {
    const id = await newDocument();
    const onA = await connect(a, id);
    const onB = await connect(b, id, cast.reviewer.token);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ani di A' });
    onB.provider.awareness.setLocalStateField('user', { name: 'Budi di B' });
    const nameOf = (seen: Client, of: Client) =>
      (seen.provider.awareness.getStates().get(of.doc.clientID) as { user?: { name: string } })
        ?.user?.name;
    // Each state carries its session's name, whatever the client wrote (presence.ts).
    await waitFor(() => nameOf(onB, onA) === cast.drafter.name, 'A’s cursor on B');
    await waitFor(() => nameOf(onA, onB) === cast.reviewer.name, 'B’s cursor on A');
    const leaver = onA.doc.clientID;
    onA.provider.disconnect();
    await waitFor(
      () => !onB.provider.awareness.getStates().has(leaver),
      'the leaver’s cursor gone on B',
    );
  });

  it('stores each update once, on the instance whose client made it', async () => {
    const id = await newDocument();
    const before = await countUpdates(cluster.testDb.db, id);
    const onA = await connect(a, id);
    const onB = await connect(b, id);
    typeInto(onA.doc, 0, 'abcdefghij');
    typeInto(onB.doc, 1, 'klmnopq');
    await waitFor(() => converged(onA, onB), 'convergence');
    const made = 'abcdefghij'.length + 'klmnopq'.length;
    await waitFor(
      async () => (await countUpdates(cluster.testDb.db, id)) - before >= made,
      'the updates stored',
    );
    // Long enough for any second copy to have landed too.
    await sleep(1_500);
    expect((await countUpdates(cluster.testDb.db, id)) - before).toBe(made);
  });

  it('refuses a reviewer’s edit on its own instance, and nothing of it reaches the other', async () => {
    const id = await newDocument();
    const drafter = await connect(a, id);
    const reviewer = await connect(b, id, cast.reviewer.token);
    const before = await countUpdates(cluster.testDb.db, id);
    typeInto(reviewer.doc, 0, ' tidak-boleh');
    await waitFor(() => reviewer.denied.length > 0, 'the refusal');
    typeInto(drafter.doc, 1, ' boleh');
    await waitFor(() => clausesOf(reviewer.doc)[1].text.includes(' boleh'), 'the drafter’s edit');
    await sleep(300);
    expect(clausesOf(drafter.doc)[0].text).not.toContain('tidak-boleh');
    await waitFor(
      async () => (await countUpdates(cluster.testDb.db, id)) - before === ' boleh'.length,
      'stored',
    );
  });

  it('tells an SSE client on one instance about comments and sign-offs made on the other', async () => {
    const id = await newDocument();
    const clauses = (
      await apiClient(a.url)<{ id: string }[]>('GET', `/api/documents/${id}/clauses`, {
        token: cast.drafter.token,
      })
    ).body;
    const events = await openEventStream(b.url, id, cast.headB.token);
    expect(events.status).toBe(200);
    await waitFor(() => events.received.includes(': selaras'), 'the stream to open');
    const call = apiClient(a.url);
    const comment = await call('POST', `/api/documents/${id}/comments`, {
      token: cast.reviewer.token,
      body: { clauseId: clauses[0].id, body: 'Dari instans A' },
    });
    expect(comment.status).toBe(201);
    expect(
      (
        await call('POST', `/api/documents/${id}/revisions`, {
          token: cast.drafter.token,
          body: {},
        })
      ).status,
    ).toBe(201);
    const signoff = await call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
      token: cast.reviewer.token,
      body: { decision: 'approve' },
    });
    expect(signoff.status).toBe(201);
    await waitFor(
      () => events.received.includes('event: signoff.recorded'),
      'the sign-off event on B',
    );
    expect(events.received).toContain('event: comment.created');
    expect(events.received).toContain('"body":"Dari instans A"');
    await events.close();
  });
});
