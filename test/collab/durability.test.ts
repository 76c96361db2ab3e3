import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, testDatabaseUrl, type TestDb } from '../support/db';
import { apiClient } from '../support/factories';
import { clausesOf, connectClient, sleep, typeInto, waitFor, type Client } from './clients';

const ROOT = path.resolve(__dirname, '../..');
const ADMIN = { email: 'admin@durability.test', password: 'kata-sandi-admin-1' };

jest.setTimeout(300_000);

let testDb: TestDb | undefined;
let dataDir: string;
let port: number;
let child: ChildProcess | undefined;
const clients: Client[] = [];

beforeAll(async () => {
  if (testDatabaseUrl()) testDb = await createTestDb();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-durability-'));
  port = await freePort();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  if (child && child.exitCode === null && child.signalCode === null) await killHard();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: found } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(found));
    });
  });
}

/**
 * Starts the server as one process, `node --import tsx server/main.ts`, and waits until it
 * answers. (`node_modules/.bin/tsx` would run the server in a child of its own, which a
 * SIGKILL of the launcher leaves running.)
 */
async function startProcess(): Promise<{ url: string; output: () => string }> {
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATABASE_URL: testDb?.url ?? '',
  };
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: 'pipe',
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = child;
  await waitFor(
    async () => {
      if (exited.exitCode !== null) throw new Error(`server exited: ${output}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'the spawned server',
    // The embedded engine runs initdb on a fresh directory: slow on a busy machine.
    150_000,
  );
  return { url, output: () => output };
}

function killHard(): Promise<void> {
  const victim = child!;
  return new Promise((resolve) => {
    victim.once('exit', () => resolve());
    victim.kill('SIGKILL');
  });
}

describe('a server killed with SIGKILL', () => {
  it('restarts with every update applied more than a second before the kill, and clients merge the rest', async () => {
    const first = await startProcess();
    const call = apiClient(first.url);
    const login = await call<{ token: string }>('POST', '/api/auth/login', { body: ADMIN });
    const token = login.body.token;
    for (const code of ['PIHAK-A', 'PIHAK-B']) {
      await call('POST', '/api/agencies', { token, body: { code, name: `Instansi ${code}` } });
    }
    const created = await call<{ id: string }>('POST', '/api/documents', {
      token,
      body: { title: 'Uji ketahanan', parties: ['PIHAK-A', 'PIHAK-B'], reviewers: [] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const writer = await connectClient(first, id, token);
    clients.push(writer);
    typeInto(writer.doc, 0, ' tersimpan-sebelum-mati');
    await sleep(1_200);
    typeInto(writer.doc, 1, ' diketik-saat-mati');
    await killHard();
    const after = await fetch(`${first.url}/healthz`).then(
      async (r) => `answered ${r.status}`,
      () => 'gone',
    );
    expect(after).toBe('gone');
    // Keep the writer's own copy away from the restarted server until the check below.
    writer.provider.disconnect();

    const second = await startProcess();
    const reader = await connectClient(second, id, token);
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
