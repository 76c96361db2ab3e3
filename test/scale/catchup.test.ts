import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/server';
import { countUpdates } from '../../server/text/queries';
import type { Limits } from '../../server/collab/protocol';
import { createTestDb, type TestDb } from '../support/db';
import { apiClient, makeCast } from '../support/factories';
import { redisUnavailable, testRedisPrefix, testRedisUrl } from '../support/redis';
import { clausesOf, connectClient, typeInto, waitFor, type Client } from '../collab/clients';
import { describeNeeding } from '../support/prerequisites';

jest.setTimeout(60_000);

// Two instances in one process on one database handle: this needs Redis, not a PostgreSQL server.
const describeRedis = describeNeeding(redisUnavailable(), 'Redis (test/scale/catchup)');

describeRedis('a document opened on a second instance', () => {
  let testDb: TestDb;
  const servers: RunningServer[] = [];
  const clients: Client[] = [];
  const prefix = testRedisPrefix();

  const start = (limits: Partial<Limits>) =>
    startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        SEED_DEMO: '0',
        REDIS_URL: testRedisUrl(),
        REDIS_PREFIX: prefix,
      }),
      { db: testDb.db, log: createLogger('silent'), collabLimits: limits },
    ).then((server) => {
      servers.push(server);
      return server;
    });

  beforeAll(async () => {
    testDb = await createTestDb();
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
    await testDb.drop();
  });

  it('catches up with what another instance applied but has not stored yet, and does not store it again', async () => {
    // A stores late, so what its client typed is only in A's memory when B opens the document.
    const a = await start({ flushDelayMs: 2_000 });
    const b = await start({});
    const cast = await makeCast(testDb.db);
    const created = await apiClient(a.url)<{ id: string }>('POST', '/api/documents', {
      token: cast.drafter.token,
      body: { title: 'Uji susul', parties: [cast.partyA.code, cast.partyB.code], reviewers: [] },
    });
    const id = created.body.id;
    await a.collab.flush();
    const before = await countUpdates(testDb.db, id);

    const onA = await connectClient(a, id, cast.drafter.token);
    clients.push(onA);
    typeInto(onA.doc, 0, ' belum-tersimpan');
    await waitFor(() => a.collab.rooms.peek(id) !== undefined, 'the room on A');
    await waitFor(
      () => clausesOf(a.collab.rooms.peek(id)!.doc)[0].text.includes(' belum-tersimpan'),
      'A applying the edit',
    );
    expect(await countUpdates(testDb.db, id)).toBe(before);

    const onB = await connectClient(b, id, cast.drafter.token);
    clients.push(onB);
    // The first sync on B already holds it: B asked A before letting the client in.
    expect(clausesOf(onB.doc)[0].text).toContain(' belum-tersimpan');

    await a.collab.flush();
    await b.collab.flush();
    expect((await countUpdates(testDb.db, id)) - before).toBe(' belum-tersimpan'.length);
  });

  it('keeps what it caught up with until the other instance stores it, storing it itself when it unloads first', async () => {
    // A stores very late: what its client typed lives only in A's memory and in what B caught up with.
    const a = await start({ flushDelayMs: 60_000 });
    const b = await start({});
    const cast = await makeCast(testDb.db);
    const created = await apiClient(b.url)<{ id: string }>('POST', '/api/documents', {
      token: cast.drafter.token,
      body: { title: 'Uji susul 2', parties: [cast.partyA.code, cast.partyB.code], reviewers: [] },
    });
    const id = created.body.id;
    const before = await countUpdates(testDb.db, id);

    const onA = await connectClient(a, id, cast.drafter.token);
    clients.push(onA);
    typeInto(onA.doc, 0, ' hanya-di-A');
    await waitFor(() => a.collab.rooms.peek(id) !== undefined, 'the room on A');
    await waitFor(
      () => clausesOf(a.collab.rooms.peek(id)!.doc)[0].text.includes(' hanya-di-A'),
      'A applying the edit',
    );
    const onB = await connectClient(b, id, cast.drafter.token);
    expect(clausesOf(onB.doc)[0].text).toContain(' hanya-di-A');
    // B's last client leaves: B stores what A has not acknowledged, under A's relay ids.
    onB.destroy();
    await waitFor(() => b.collab.rooms.peek(id) === undefined, 'B to unload');
    await b.collab.flush();
    expect((await countUpdates(testDb.db, id)) - before).toBe(' hanya-di-A'.length);

    // A's own write of the same updates is refused, not stored twice.
    await a.collab.flush();
    expect((await countUpdates(testDb.db, id)) - before).toBe(' hanya-di-A'.length);
  });
});
