import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/server';
import { apiClient } from '../support/factories';
import { createTestDb } from '../support/db';

/** Two starts on the same database: the embedded one in a data directory, or a PostgreSQL database. */
async function databaseForTwoStarts() {
  const testDb = await createTestDb();
  if (testDb.url) return { env: { DATABASE_URL: testDb.url }, cleanup: () => testDb.drop() };
  await testDb.drop();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'selaras-restart-'));
  return {
    env: { DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('restart', () => {
  it('keeps users, tokens and documents across a restart on the same database, and seeds only once', async () => {
    const { env, cleanup } = await databaseForTwoStarts();
    const config = loadConfig({
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      ADMIN_EMAIL: 'admin@contoh.test',
      ADMIN_PASSWORD: 'sandi-admin-panjang',
    });
    const seeded: { email: string; password: string }[][] = [];
    const log = createLogger('silent');
    try {
      const first = await startServer(config, { log, onSeeded: (l) => seeded.push(l) });
      let call = apiClient(first.url);
      const drafter = seeded[0].find((l) => l.email.startsWith('perancang'))!;
      const login = await call<{ token: string }>('POST', '/api/auth/login', { body: drafter });
      expect(login.status).toBe(200);
      const docs = await call<{ id: string }[]>('GET', '/api/documents', {
        token: login.body.token,
      });
      expect(docs.body).toHaveLength(1);
      await first.close();

      const second = await startServer(config, { log, onSeeded: (l) => seeded.push(l) });
      call = apiClient(second.url);
      expect(seeded).toHaveLength(1);
      expect((await call('GET', '/api/me', { token: login.body.token })).status).toBe(200);
      const again = await call<{ id: string }[]>('GET', '/api/documents', {
        token: login.body.token,
      });
      expect(again.body.map((d) => d.id)).toEqual(docs.body.map((d) => d.id));
      const clauses = await call<unknown[]>('GET', `/api/documents/${docs.body[0].id}/clauses`, {
        token: login.body.token,
      });
      expect(clauses.body).toHaveLength(10);
      const admin = await call('POST', '/api/auth/login', {
        body: { email: 'admin@contoh.test', password: 'sandi-admin-panjang' },
      });
      expect(admin.status).toBe(200);
      await second.close();
    } finally {
      await cleanup();
    }
  }, 60_000);
});
