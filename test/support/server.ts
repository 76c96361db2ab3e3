import { apiClient, makeCast, type ApiClient, type Cast } from './factories';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/server';
import type { Limits } from '../../server/collab/protocol';
import { createTestDb, type TestDb } from './db';

/** A Selaras server on port 0 with a database of its own. */
export interface TestServer extends RunningServer {
  testDb: TestDb;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** Starts a server for one test file; call `stop()` in afterAll. `collabLimits` overrides collaboration limits. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { collabLimits?: Partial<Limits>; warmUp?: boolean } = {},
): Promise<TestServer> {
  const testDb = await createTestDb();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, {
    db: testDb.db,
    log: createLogger('silent'),
    collabLimits: options.collabLimits,
    // Off unless a test asks: a hundred servers start in a run, each would compile the same paths.
    warmUp: options.warmUp ?? false,
  });
  return {
    ...server,
    testDb,
    async stop() {
      await server.close();
      await testDb.drop();
    },
  };
}

/** A test file's server, API client and cast, set up in beforeAll and stopped in afterAll. */
export interface CastSuite {
  server: TestServer;
  call: ApiClient;
  cast: Cast;
}

/** Registers beforeAll/afterAll hooks that start a server with a cast; read the fields inside tests. */
export function serverWithCast(): CastSuite {
  const suite = {} as CastSuite;
  // Starting a server (on the embedded engine: loading a database and migrating it) takes
  // seconds, more than jest's default 30 s on a machine busy with other work.
  beforeAll(async () => {
    suite.server = await startTestServer();
    suite.call = apiClient(suite.server.url);
    suite.cast = await makeCast(suite.server.db);
  }, 120_000);
  afterAll(() => suite.server.stop());
  return suite;
}
