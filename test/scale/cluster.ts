import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, testDatabaseUrl, type TestDb } from '../support/db';
import { redisUnavailable, testRedisPrefix, testRedisUrl } from '../support/redis';
import { freePort, spawnServer, stopProcess } from '../support/process';
import { describeNeeding, type Describe } from '../support/prerequisites';

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

/** jest's `describe` when a cluster can run; else a skip with the reason, or a failure in CI. */
export function describeCluster(): Describe {
  return describeNeeding(clusterUnavailable(), 'a PostgreSQL server and Redis (test/scale)');
}

/**
 * Creates the database and prefix of a cluster; instances come from `start`. `entry` is what
 * node runs for each instance (a bundle from `bundleServer` starts faster than tsx).
 */
export async function createCluster(entry?: string[]): Promise<Cluster> {
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
        entry,
      );
      return instance;
    },
    async teardown() {
      await Promise.all([...children].map((child) => stopProcess(child)));
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts one instance process and keeps track of it until it exits. */
async function spawnInstance(
  env: Record<string, string>,
  children: Set<ChildProcess>,
  entry?: string[],
): Promise<Instance> {
  const spawned = await spawnServer(env, 60_000, entry);
  const { child } = spawned;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return {
    url: spawned.url,
    output: spawned.output,
    kill: () => stopProcess(child),
    stop: () => stopProcess(child, 'SIGTERM'),
  };
}
