import { ServerProcess, seedDocument } from '../support/process';
import { apiClient } from '../support/factories';
import { connectClient, sleep, waitFor, type Client } from '../collab/clients';
import { paragraphText } from '../collab/clients';

/*
 * Five drafters type while the server is killed with SIGKILL: their editing sessions never
 * end, so the `edit` audit event a session gets when it ends is never recorded by that
 * process. After the restart, and after compaction has deleted the stored update rows that
 * named the authors, every author of a stored change must still have an `edit` event.
 */

// Two starts and two reads of the storage: the embedded engine is slow to open on a busy machine.
jest.setTimeout(240_000);

const EDITORS = 5;
/** Typing before the kill: well past the one second within which updates are stored. */
const TYPING_MS = 2_500;

let server: ServerProcess;
const clients: Client[] = [];

beforeAll(async () => {
  server = await ServerProcess.create();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

/** Appends words to a clause until `stop()`, one update per word, as a drafter typing. */
function typeUntilStopped(client: Client, editor: number) {
  let stopped = false;
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      const text = paragraphText(client.doc, editor % 3);
      text.insert(text.length, `e${editor}w${n} `);
      await sleep(40 + ((editor * 7 + n * 13) % 40));
    }
  })();
  return () => {
    stopped = true;
    return done;
  };
}

/**
 * Straight from storage: the authors of a document's stored update rows (server-made repairs
 * have none), and the actors of its `edit` audit events.
 */
const authorsAndAudited = (documentId: string) =>
  server.withDb(async (db) => {
    const { rows } = await db.query<{ user_id: string }>(
      `SELECT DISTINCT user_id::text FROM document_updates
        WHERE document_id = $1 AND user_id IS NOT NULL`,
      [documentId],
    );
    const events = await db.query<{ actor_id: string }>(
      "SELECT DISTINCT actor_id::text FROM audit_events WHERE stream = $1 AND kind = 'edit'",
      [`document:${documentId}`],
    );
    return {
      authors: rows.map((r) => r.user_id).sort(),
      audited: events.rows.map((r) => r.actor_id).sort(),
    };
  });

interface AuditEntry {
  kind: string;
  actor: { id: string } | null;
}

describe('a server killed with SIGKILL while five drafters type', () => {
  it('audits an edit event for every author of every stored change after restart and compaction', async () => {
    await server.start();
    const { id, adminToken, drafterTokens } = await seedDocument(
      server.url,
      'Uji jejak audit',
      EDITORS,
    );
    for (const token of drafterTokens) clients.push(await connectClient(server, id, token));
    const stops = clients.map((client, editor) => typeUntilStopped(client, editor));
    const call = apiClient(server.url);
    const editors = async () => {
      const audit = await call<AuditEntry[]>('GET', `/api/documents/${id}/audit`, {
        token: adminToken,
      });
      expect(audit.status).toBe(200);
      const actors = audit.body.filter((e) => e.kind === 'edit').map((e) => e.actor?.id);
      return new Set(actors);
    };
    await sleep(TYPING_MS);
    await server.kill();
    await Promise.all(stops.map((stop) => stop()));
    for (const c of clients.splice(0)) c.destroy();

    const { authors, audited: auditedBefore } = await authorsAndAudited(id);
    // Every drafter's typing was stored, and no session had ended to be audited.
    expect(authors).toHaveLength(EDITORS);
    expect(auditedBefore).toEqual([]);

    await server.start();
    // Opening and leaving the document compacts it on unload: the update rows go.
    const opener = await connectClient(server, id, adminToken);
    opener.destroy();
    await waitFor(
      async () => {
        const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
        return /^selaras_open_documents 0$/m.test(metrics);
      },
      'the document to unload after compaction',
      20_000,
    );
    await waitFor(
      async () => {
        const audited = await editors();
        return authors.every((author) => audited.has(author));
      },
      'an edit event for every author',
      20_000,
    );
    const verify = await call<{ ok: boolean }>('GET', `/api/documents/${id}/audit/verify`, {
      token: adminToken,
    });
    expect(verify.body.ok).toBe(true);

    await server.kill();
    // Compaction did delete the rows that named the authors; the audit chain still names them.
    const after = await authorsAndAudited(id);
    expect(after.authors).toEqual([]);
    expect(after.audited).toEqual(authors);
  });
});
