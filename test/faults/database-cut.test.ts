import pg from 'pg';
import { serverWithCast } from '../support/server';
import { createDocument } from '../support/factories';
import { testDatabaseUrl } from '../support/db';
import { describeNeeding } from '../support/prerequisites';
import { connectClient, waitFor } from '../collab/clients';
import { edit } from '../support/text';
import { loadStoredYDoc } from '../../server/documents/access';
import { readClauses } from '../../server/documents/text';
import type { Clause } from '../../shared/clauses';

// Cutting connections needs a real server to cut them on; PGlite has no connections.
const describeOnPostgres = describeNeeding(
  testDatabaseUrl() ? undefined : 'TEST_DATABASE_URL is not set: PGlite has no connections to cut',
  'a PostgreSQL server (test/faults/database-cut)',
);

const t = serverWithCast();

/** Terminates every connection of the test database but the caller's own. */
async function cutConnections(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.length;
  } finally {
    await client.end();
  }
}

describeOnPostgres('database connections cut during work', () => {
  it('keeps every edit and never leaves a half-written revision or sign-off', async () => {
    const { server, call, cast } = t;
    const id = await createDocument(call, cast, { title: 'Uji putus' });
    const firstClause = (
      await call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: cast.drafter.token })
    ).body[0].id;
    const editor = await connectClient(server, id, cast.drafter.token);
    try {
      const revisionResults: number[] = [];
      const signoffResults: number[] = [];
      for (let round = 0; round < 4; round++) {
        for (let k = 0; k < 10; k++)
          edit.typeInParagraph(editor.doc, firstClause, 0, `r${round}k${k} `);
        const work = [
          call('POST', `/api/documents/${id}/revisions`, {
            token: cast.drafter.token,
            body: { label: `putaran ${round}` },
          }).then((r) => revisionResults.push(r.status)),
          call('GET', `/api/documents/${id}/revisions`, { token: cast.reviewer.token }).then(
            async (list) => {
              const latest = Array.isArray(list.body) ? list.body.length : 0;
              if (latest === 0) return;
              const res = await call('POST', `/api/documents/${id}/revisions/${latest}/signoffs`, {
                token: cast.reviewer.token,
                body: { decision: 'approve' },
              });
              signoffResults.push(res.status);
            },
          ),
          cutConnections(server.testDb.url!),
        ];
        await Promise.all(work);
      }
      // Every failure is a clean 503 or 409 (a sign-off racing a newer revision), never a 500.
      for (const status of [...revisionResults, ...signoffResults])
        expect([201, 409, 503]).toContain(status);

      const expected = readClauses(editor.doc)[0].text;
      await waitFor(
        async () => {
          await server.collab.flush().catch(() => undefined);
          const stored = await loadStoredYDoc(server.db, id);
          const text = readClauses(stored)[0].text;
          stored.destroy();
          return text === expected;
        },
        'every edit stored after the connections came back',
        15_000,
      );
      for (let round = 0; round < 4; round++) {
        for (let k = 0; k < 10; k++) expect(expected).toContain(`r${round}k${k} `);
      }

      // Revisions are numbered without gaps and each one is whole; every sign-off names a revision that exists.
      const { rows: revisions } = await server.db.query<{ number: number; n: number }>(
        `SELECT number, jsonb_array_length(clauses)::int AS n FROM revisions WHERE document_id = $1 ORDER BY number`,
        [id],
      );
      expect(revisions.map((r) => r.number)).toEqual(revisions.map((_, i) => i + 1));
      expect(revisions.every((r) => r.n === 10)).toBe(true);
      expect(revisions.length).toBe(revisionResults.filter((s) => s === 201).length);
      const orphans = await server.db.query(
        `SELECT 1 FROM signoffs s WHERE s.document_id = $1 AND NOT EXISTS
           (SELECT 1 FROM revisions r WHERE r.document_id = s.document_id AND r.number = s.revision)`,
        [id],
      );
      expect(orphans.rowCount).toBe(0);
      const audit = await call<{ ok: boolean }>('GET', `/api/documents/${id}/audit/verify`, {
        token: cast.drafter.token,
      });
      expect(audit.body.ok).toBe(true);
      expect((await call('GET', '/healthz')).status).toBe(200);
    } finally {
      editor.destroy();
    }
  }, 60_000);
});
