import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../support/server';
import {
  castAndDocument,
  clausesOf,
  connectClient,
  typeInto,
  waitFor,
  type Client,
} from './clients';
import { compactStored } from '../../server/text/compaction';
import { buildDoc } from '../../server/documents/text';
import { appendUpdates, countUpdates, loadStoredDocument } from '../../server/text/queries';
import { FRAGMENT } from '../../server/documents/text';

// No sweep on a timer: a test calls sweep() itself, so a sweep cannot vacuum between its steps.
const LIMITS = { compactThreshold: 40, compactOnUnload: 10, compactSweepMs: 0 };

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { collabLimits: LIMITS });
  env = await castAndDocument(server);
}, 120_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => server.stop());

/** The whole Yjs XML of the stored document: every element, attribute and character. */
async function storedXml(documentId: string): Promise<string> {
  const stored = await loadStoredDocument(server.db, documentId);
  const doc = buildDoc(
    stored!.snapshot,
    stored!.updates.map((u) => u.update),
  );
  const xml = doc.getXmlFragment(FRAGMENT).toString();
  doc.destroy();
  return xml;
}

/**
 * The index entries of a document's stored updates a load's scan meets, deleted rows included:
 * a bitmap index scan reports every entry it matches, before the heap says which rows are gone.
 */
async function indexedUpdates(documentId: string): Promise<number> {
  return server.db.transaction(async (tx) => {
    for (const scan of ['seqscan', 'indexscan', 'indexonlyscan'])
      await tx.query(`SET LOCAL enable_${scan} = off`);
    const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(
      'EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM document_updates WHERE document_id = $1',
      [documentId],
    );
    const found = findPlan(rows[0]['QUERY PLAN'], 'Bitmap Index Scan');
    if (!found) throw new Error('the plan has no bitmap index scan');
    return found['Actual Rows'] as number;
  });
}

function findPlan(node: unknown, type: string): Record<string, unknown> | undefined {
  const value = typeof node === 'string' ? (JSON.parse(node) as unknown) : node;
  if (Array.isArray(value)) return value.map((n) => findPlan(n, type)).find(Boolean);
  if (!value || typeof value !== 'object') return undefined;
  const plan = value as Record<string, unknown>;
  if (plan['Node Type'] === type) return plan;
  return findPlan(plan.Plan ?? plan.Plans, type);
}

const snapshotVersion = async (documentId: string) =>
  (
    await server.db.query<{ version: number }>(
      'SELECT version FROM document_snapshots WHERE document_id = $1',
      [documentId],
    )
  ).rows[0].version;

describe('compaction', () => {
  it('folds the updates of an open document into its snapshot and keeps the content identical', async () => {
    const id = await env.newDocument();
    const client = await connectClient(server, id, env.cast.drafter.token);
    clients.push(client);
    typeInto(client.doc, 0, 'a'.repeat(60));
    typeInto(client.doc, 2, 'b'.repeat(30));
    const xml = client.doc.getXmlFragment(FRAGMENT).toString();
    await server.collab.flush();
    await waitFor(async () => Number(await snapshotVersion(id)) > 1, 'a compaction');
    await server.collab.flush();
    expect(await countUpdates(server.db, id)).toBeLessThan(LIMITS.compactThreshold);
    expect(await storedXml(id)).toBe(xml);

    client.destroy();
    clients.splice(0);
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    const reopened = await connectClient(server, id, env.cast.drafter.token);
    clients.push(reopened);
    expect(reopened.doc.getXmlFragment(FRAGMENT).toString()).toBe(xml);
  });

  it('compacts on unload, leaving only the snapshot', async () => {
    const id = await env.newDocument();
    const client = await connectClient(server, id, env.cast.drafter.token);
    typeInto(client.doc, 1, 'c'.repeat(LIMITS.compactOnUnload + 5));
    const expected = clausesOf(client.doc);
    client.destroy();
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    expect(await countUpdates(server.db, id)).toBe(0);
    const stored = await loadStoredDocument(server.db, id);
    const doc = buildDoc(stored!.snapshot, []);
    expect(clausesOf(doc)).toEqual(expected);
    doc.destroy();
  });

  it('vacuums the updates it deleted at the next sweep, so a load no longer steps over them', async () => {
    const id = await env.newDocument();
    const client = await connectClient(server, id, env.cast.drafter.token);
    typeInto(client.doc, 1, 'd'.repeat(LIMITS.compactOnUnload + 5));
    client.destroy();
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    expect(await countUpdates(server.db, id)).toBe(0);
    // Deleted, the rows are still indexed: a load's scan meets each of them.
    expect(await indexedUpdates(id)).toBeGreaterThan(LIMITS.compactOnUnload);
    await server.collab.rooms.sweep();
    expect(await indexedUpdates(id)).toBe(0);
  });

  it('is safe to run concurrently on stored updates, as several instances would', async () => {
    const id = await env.newDocument();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, await server.ctx.texts.state(id));
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    typeInto(replica, 3, 'dari instansi lain');
    await appendUpdates(
      server.db,
      updates.map((update) => ({ documentId: id, update, userId: env.cast.drafter.id })),
    );
    const xml = replica.getXmlFragment(FRAGMENT).toString();
    await Promise.all([
      compactStored(server.db, id),
      compactStored(server.db, id),
      compactStored(server.db, id),
    ]);
    expect(await countUpdates(server.db, id)).toBe(0);
    expect(await storedXml(id)).toBe(xml);
    expect(Number(await snapshotVersion(id))).toBe(4);
  });
});
