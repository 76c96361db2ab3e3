import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../support/server';
import {
  castAndDocument,
  clausesOf,
  connectClient,
  paragraphText,
  sleep,
  typeInto,
  waitFor,
  type Client,
} from './clients';
import { DeniedReason } from '../../server/collab/protocol';
import { readClauses } from '../../server/documents/text';
import { buildDoc } from '../../server/documents/text';
import { loadStoredDocument } from '../../server/text/queries';

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
}, 120_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => server.stop());

const open = async (documentId: string, token: string) => {
  const client = await connectClient(server, documentId, token);
  clients.push(client);
  return client;
};

/** The document as stored in the database, read without the live room. */
async function storedClauses(documentId: string) {
  const stored = await loadStoredDocument(server.db, documentId);
  const doc = buildDoc(
    stored!.snapshot,
    stored!.updates.map((u) => u.update),
  );
  const clauses = readClauses(doc);
  doc.destroy();
  return clauses;
}

const updateAuthors = async (documentId: string) =>
  (
    await server.db.query<{ user_id: string | null }>(
      'SELECT DISTINCT user_id FROM document_updates WHERE document_id = $1',
      [documentId],
    )
  ).rows.map((r) => r.user_id);

describe('live editing', () => {
  it('converges two drafters editing the same clause at once', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.admin.token);
    expect(clausesOf(a.doc)).toEqual(clausesOf(b.doc));
    typeInto(a.doc, 0, ' alpha');
    typeInto(b.doc, 0, ' beta');
    typeInto(a.doc, 1, ' gamma');
    await waitFor(
      () => JSON.stringify(clausesOf(a.doc)) === JSON.stringify(clausesOf(b.doc)),
      'convergence',
    );
    const [first, second] = clausesOf(a.doc);
    expect(first.text).toContain('alpha');
    expect(first.text).toContain('beta');
    expect(second.text).toContain('gamma');
    await server.collab.flush();
    expect(await storedClauses(id)).toEqual(clausesOf(a.doc));
    expect((await updateAuthors(id)).sort()).toEqual(
      [env.cast.admin.id, env.cast.drafter.id].sort(),
    );
  });

  it('merges what a provider typed while disconnected when it reconnects', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.drafter.token);
    a.provider.disconnect();
    typeInto(a.doc, 2, ' luring');
    typeInto(b.doc, 2, ' daring');
    a.provider.connect();
    await waitFor(
      () =>
        clausesOf(b.doc)[2].text.includes('luring') && clausesOf(a.doc)[2].text.includes('daring'),
      'merge',
    );
    expect(clausesOf(a.doc)).toEqual(clausesOf(b.doc));
  });

  it('serves the live text to GET /clauses before it is stored', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    typeInto(a.doc, 0, ' segera');
    await waitFor(async () => {
      const res = await env.call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, {
        token: env.cast.reviewer.token,
      });
      return res.body[0].text.includes(' segera');
    }, 'live clauses');
  });

  it('relays awareness and removes a client’s state when it leaves', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.reviewer.token);
    a.provider.awareness.setLocalStateField('user', { name: 'Perancang' });
    // The server names every state after its session's user (presence.ts).
    await waitFor(
      () =>
        b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === env.cast.drafter.name,
      'awareness',
    );
    const gone = a.doc.clientID;
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(gone), 'awareness cleanup');
  });
});

describe('roles on the wire', () => {
  it('never applies, relays or stores a reviewer’s edits, and tells the reviewer once', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    const reviewer = await open(id, env.cast.reviewer.token);
    const before = await storedClauses(id);
    typeInto(reviewer.doc, 0, ' SUSUPAN');
    paragraphText(reviewer.doc, 1).delete(0, 5);
    await waitFor(() => reviewer.denied.length > 0, 'permission denied');
    expect(reviewer.denied).toEqual([DeniedReason.readOnlyRole]);
    // The drafter's edit still reaches the reviewer, so the reviewer's socket is alive.
    typeInto(drafter.doc, 3, ' resmi');
    await waitFor(() => clausesOf(reviewer.doc)[3].text.includes(' resmi'), 'reviewer receives');
    await server.collab.flush();
    expect(JSON.stringify(clausesOf(drafter.doc))).not.toContain('SUSUPAN');
    expect(clausesOf(drafter.doc)[1]).toEqual(before[1]);
    expect(JSON.stringify(await storedClauses(id))).not.toContain('SUSUPAN');
    expect(await updateAuthors(id)).toEqual([env.cast.drafter.id]);
    const live = await env.call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, {
      token: env.cast.drafter.token,
    });
    expect(JSON.stringify(live.body)).not.toContain('SUSUPAN');
    // A fresh client sees no trace either.
    const fresh = await open(id, env.cast.headA.token);
    expect(JSON.stringify(clausesOf(fresh.doc))).not.toContain('SUSUPAN');
    expect(reviewer.denied).toHaveLength(1);
  });

  it('treats heads as read-only too', async () => {
    const id = await env.newDocument();
    const head = await open(id, env.cast.headA.token);
    const drafter = await open(id, env.cast.drafter.token);
    typeInto(head.doc, 0, ' KEPALA');
    await waitFor(() => head.denied.length > 0, 'permission denied');
    await sleep(100);
    expect(JSON.stringify(clausesOf(drafter.doc))).not.toContain('KEPALA');
  });

  it('locks an open document when it is finalised, and a document loaded later stays locked', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.admin.token);
    typeInto(a.doc, 0, ' sebelum');
    await waitFor(() => clausesOf(b.doc)[0].text.includes(' sebelum'), 'edit before final');
    await server.db.query("UPDATE documents SET status = 'final' WHERE id = $1", [id]);
    server.ctx.events.publish({ type: 'document.finalized', documentId: id, data: {} });
    await waitFor(() => a.denied.length > 0 && b.denied.length > 0, 'told final');
    expect(a.denied).toEqual([DeniedReason.final]);
    typeInto(a.doc, 0, ' SESUDAH');
    await sleep(150);
    expect(clausesOf(b.doc)[0].text.includes(' sebelum')).toBe(true);
    await expect(
      server.ctx.texts.change(id, env.cast.drafter.id, (doc) => typeInto(doc, 0, 'x')),
    ).rejects.toThrow(/final/);

    a.destroy();
    b.destroy();
    clients.splice(0);
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    const c = await open(id, env.cast.drafter.token);
    typeInto(c.doc, 0, ' NANTI');
    await waitFor(() => c.denied.length > 0, 'told final at load');
    expect(c.denied).toEqual([DeniedReason.final]);
    await server.collab.flush();
    const stored = JSON.stringify(await storedClauses(id));
    expect(stored).toContain('sebelum');
    expect(stored).not.toMatch(/SESUDAH|NANTI/);
  });
});

describe('lifecycle and server-side access', () => {
  it('unloads a document when its last client leaves, with everything stored and one edit event', async () => {
    const id = await env.newDocument();
    expect(server.collab.rooms.peek(id)).toBeUndefined();
    const a = await open(id, env.cast.drafter.token);
    const b = await open(id, env.cast.drafter.token);
    expect(server.collab.rooms.peek(id)?.size).toBe(2);
    typeInto(a.doc, 0, ' satu');
    typeInto(b.doc, 1, ' dua');
    await waitFor(() => clausesOf(a.doc)[1].text.includes(' dua'), 'relay');
    const expected = clausesOf(a.doc);
    a.destroy();
    expect(server.collab.rooms.peek(id)).toBeDefined();
    b.destroy();
    clients.splice(0);
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    expect(await storedClauses(id)).toEqual(expected);
    await server.collab.flush();
    const audit = await env.call<
      {
        kind: string;
        actor: { id: string };
        data: { updates: number; firstAt: string; lastAt: string };
      }[]
    >('GET', `/api/documents/${id}/audit`, { token: env.cast.drafter.token });
    const edits = audit.body.filter((e) => e.kind === 'edit');
    // One user, one session, however many keystrokes and connections.
    expect(edits).toHaveLength(1);
    expect(edits[0].actor.id).toBe(env.cast.drafter.id);
    expect(edits[0].data.updates).toBe(' satu'.length + ' dua'.length);
    expect(Date.parse(edits[0].data.lastAt)).toBeGreaterThanOrEqual(
      Date.parse(edits[0].data.firstAt),
    );
    const verify = await env.call<{ ok: boolean }>('GET', `/api/documents/${id}/audit/verify`, {
      token: env.cast.drafter.token,
    });
    expect(verify.body.ok).toBe(true);
  });

  it('applies a server-made change as an update every client receives, stored and attributed', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.reviewer.token);
    await server.ctx.texts.change(id, env.cast.drafter.id, (doc) =>
      typeInto(doc, 4, ' (diterima)'),
    );
    await waitFor(() => clausesOf(a.doc)[4].text.includes(' (diterima)'), 'server change relayed');
    expect((await storedClauses(id))[4].text.includes(' (diterima)')).toBe(true);
    expect(await updateAuthors(id)).toEqual([env.cast.drafter.id]);
    const read = await server.ctx.texts.read(id);
    expect(read.textContent).toContain('(diterima)');
  });

  it('changes a document nobody has open, then unloads it again', async () => {
    const id = await env.newDocument();
    await server.ctx.texts.change(id, env.cast.drafter.id, (doc) => typeInto(doc, 0, ' tertutup'));
    await waitFor(() => server.collab.rooms.peek(id) === undefined, 'unload');
    expect((await storedClauses(id))[0].text.includes(' tertutup')).toBe(true);
    const state = await server.ctx.texts.state(id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(clausesOf(doc)[0].text.includes(' tertutup')).toBe(true);
  });

  it('reports open documents, connections and updates on /metrics', async () => {
    const id = await env.newDocument();
    const a = await open(id, env.cast.drafter.token);
    typeInto(a.doc, 0, ' metrik');
    await server.collab.flush();
    const res = await fetch(`${server.url}/metrics`);
    const text = await res.text();
    expect(text).toMatch(/selaras_open_documents [1-9]/);
    expect(text).toMatch(/selaras_connections [1-9]/);
    expect(text).toMatch(/selaras_applied_updates_total [1-9]/);
    expect(text).toMatch(/selaras_stored_updates_total [1-9]/);
    expect(text).toMatch(/selaras_persistence_latency_seconds_count [1-9]/);
  });
});
