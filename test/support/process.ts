import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { openDb, type Db } from '../../server/db';
import { loadStoredYDoc } from '../../server/documents/access';
import { waitFor } from '../collab/clients';
import { createTestDb, testDatabaseUrl, type TestDb } from './db';
import { apiClient } from './factories';

const ROOT = path.resolve(__dirname, '../..');

/** The administrator every spawned server creates at start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const SPAWNED_ADMIN = { email: 'admin@spawned.test', password: 'kata-sandi-admin-1' };

/** A free TCP port on 127.0.0.1 (for a server that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: found } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(found));
    });
  });
}

/** A server process started by `spawnServer`. */
export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** Everything it printed. */
  output(): string;
}

/**
 * Starts the server as one process, `node --import tsx server/main.ts`, and waits until it
 * answers; `env` (PORT at least) adds to the environment. (`node_modules/.bin/tsx` would run
 * the server in a child of its own, which a SIGKILL of the launcher leaves running.)
 */
export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** What node runs: the TypeScript entry through tsx, or a prebuilt bundle (see test/scale/bundle.ts). */
  entry: string[] = ['--import', 'tsx', 'server/main.ts'],
): Promise<SpawnedServer> {
  let output = '';
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'pipe',
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${env.PORT}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'the spawned server',
      timeoutMs,
    );
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { child, url, output: () => output };
}

/** Whether a child process is still running. */
export const isRunning = (child: ChildProcess) =>
  child.exitCode === null && child.signalCode === null;

/** Sends `signal` (SIGKILL unless told) and waits until the process is gone. */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (!isRunning(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * A Selaras server run as a process of its own, on a fixed port and storage (a database of
 * its own on TEST_DATABASE_URL, else the embedded engine under a temporary DATA_DIR), so a
 * test can kill it with SIGKILL and start it again on the same data.
 */
export class ServerProcess {
  private current: SpawnedServer | undefined;

  private constructor(
    private readonly port: number,
    private readonly dataDir: string,
    private readonly testDb: TestDb | undefined,
  ) {}

  /** Prepares the port and storage; nothing runs until `start()`. Call `dispose()` in afterAll. */
  static async create(): Promise<ServerProcess> {
    const testDb = testDatabaseUrl() ? await createTestDb() : undefined;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-process-'));
    return new ServerProcess(await freePort(), dataDir, testDb);
  }

  /** The server's base URL, the same across restarts. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the running (or last) process printed. */
  get output(): string {
    return this.current?.output() ?? '';
  }

  /** Whether a process is running. */
  get running(): boolean {
    return this.current !== undefined && isRunning(this.current.child);
  }

  /** Starts the server on the port and storage and waits until it answers; `env` adds to its environment. */
  async start(env: Record<string, string> = {}): Promise<void> {
    if (this.running) throw new Error('the server process is already running');
    this.current = await spawnServer(
      {
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        ADMIN_EMAIL: SPAWNED_ADMIN.email,
        ADMIN_PASSWORD: SPAWNED_ADMIN.password,
        DATABASE_URL: this.testDb?.url ?? '',
        ...env,
      },
      // The embedded engine runs initdb on a fresh directory: slow on a busy machine.
      150_000,
    );
  }

  /** Kills the process with SIGKILL and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.current) await stopProcess(this.current.child);
  }

  /** Loads a document's Yjs state as stored, straight from the database; only while stopped. */
  async readStored(documentId: string): Promise<Y.Doc> {
    if (this.running) throw new Error('read the storage only while the server is down');
    const db = this.testDb?.db ?? (await openDb({ databaseUrl: undefined, dataDir: this.dataDir }));
    try {
      return await loadStoredYDoc(db, documentId);
    } finally {
      if (!this.testDb) await db.close();
    }
  }

  /** Runs `use` on the server's database, straight; with the embedded engine only while stopped. */
  async withDb<T>(use: (db: Db) => Promise<T>): Promise<T> {
    if (!this.testDb && this.running) throw new Error('the embedded database is the server’s now');
    const db = this.testDb?.db ?? (await openDb({ databaseUrl: undefined, dataDir: this.dataDir }));
    try {
      return await use(db);
    } finally {
      if (!this.testDb) await db.close();
    }
  }

  /** Kills the process if it runs, drops the database and removes the data directory. */
  async dispose(): Promise<void> {
    await this.kill();
    await this.testDb?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * On a spawned server: signs the administrator in, creates the two parties and a bureau
 * agency with `drafters` drafters of its own (signed in too), and a document they all take
 * part in. Returns the tokens and the document id.
 */
export async function seedDocument(url: string, title: string, drafters = 0) {
  const call = apiClient(url);
  const login = await call<{ token: string }>('POST', '/api/auth/login', { body: SPAWNED_ADMIN });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  const adminToken = login.body.token;
  for (const code of ['PIHAK-A', 'PIHAK-B', 'BIRO-HUKUM']) {
    await call('POST', '/api/agencies', {
      token: adminToken,
      body: { code, name: `Instansi ${code}` },
    });
  }
  const created = await call<{ id: string }>('POST', '/api/documents', {
    token: adminToken,
    body: { title, parties: ['PIHAK-A', 'PIHAK-B'], reviewers: ['BIRO-HUKUM'] },
  });
  if (created.status !== 201) throw new Error(`creating the document failed: ${created.status}`);
  const drafterTokens: string[] = [];
  for (let i = 0; i < drafters; i++) {
    const user = {
      email: `perancang${i}@spawned.test`,
      name: `Perancang ${i}`,
      password: `kata-sandi-perancang-${i}`,
    };
    const made = await call('POST', '/api/users', {
      token: adminToken,
      body: { ...user, role: 'drafter', agency: 'BIRO-HUKUM' },
    });
    if (made.status !== 201) throw new Error(`creating a drafter failed: ${made.status}`);
    const session = await call<{ token: string }>('POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    drafterTokens.push(session.body.token);
  }
  return { id: created.body.id, adminToken, drafterTokens };
}
