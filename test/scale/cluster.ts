import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, testDatabaseUrl, type TestDb } from '../support/db';
import { redisUnavailable, testRedisPrefix, testRedisUrl } from '../support/redis';
import { waitFor } from '../collab/clients';

const ROOT = path.resolve(__dirname, '../..');

/** One Selaras instance running as a process of its own. */
export interface Instance {
  url: string;
  /** Everything it printed. */
  output(): string;
  /** Kills it with SIGKILL and waits until it is gone. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM (a graceful shutdown) and waits until it is gone. */
  stop(): Promise<void>;
}

/** Several instances on one fresh database and one Redis prefix. */
export interface Cluster {
  testDb: TestDb;
  /** The Redis channel and key prefix of this run. */
  prefix: string;
  /** Starts one more instance; `env` adds to (or overrides) its environment. */
  start(env?: Record<string, string>): Promise<Instance>;
  /** Kills every instance still running and drops the database. */
  teardown(): Promise<void>;
}

/**
 * Why the multi-instance tests cannot run here, or undefined: they need a PostgreSQL server
 * (two processes cannot share an embedded PGlite) and a Redis.
 */
export function clusterUnavailable(): string | undefined {
  if (!testDatabaseUrl())
    return 'TEST_DATABASE_URL is not set: two instances cannot share an embedded PGlite';
  return redisUnavailable();
}

/** Prints why the tests of a file are skipped and returns jest's `describe` or `describe.skip`. */
export function describeCluster(): jest.Describe {
  const reason = clusterUnavailable();
  if (!reason) return describe;
  console.warn(`test/scale skipped: ${reason}`);
  return describe.skip;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Creates the database and prefix of a cluster; instances come from `start`. */
export async function createCluster(): Promise<Cluster> {
  const testDb = await createTestDb();
  const prefix = testRedisPrefix();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-scale-'));
  const children = new Set<ChildProcess>();
  return {
    testDb,
    prefix,
    start: async (env = {}) => {
      const port = await freePort();
      const instance = await spawnInstance(
        {
          PORT: String(port),
          DATABASE_URL: testDb.url ?? '',
          REDIS_URL: testRedisUrl(),
          REDIS_PREFIX: prefix,
          DATA_DIR: dataDir,
          ...env,
        },
        children,
      );
      return instance;
    },
    async teardown() {
      await Promise.all([...children].map((child) => killed(child)));
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `node --import tsx server/main.ts` (one process: the `tsx` launcher would run the
 * server in a child of its own, which a SIGKILL of the launcher leaves running).
 */
async function spawnInstance(env: Record<string, string>, children: Set<ChildProcess>) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`instance exited: ${output}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'a spawned instance',
    60_000,
  );
  const instance: Instance = {
    url,
    output: () => output,
    kill: () => killed(child),
    stop: () => killed(child, 'SIGTERM'),
  };
  return instance;
}

function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
