import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..');
const ADMIN = { email: 'bench@selaras.test', password: 'bench-kata-sandi-1' };
const PARTIES = ['BENCH-A', 'BENCH-B'];

/** A server under measurement, running as its own process. */
export interface Target {
  /** Which server this is. */
  kind: 'selaras' | 'reference';
  /** The process id, for reading its memory. */
  pid: number;
  /** Makes a new document and returns its id. */
  newDocument(): Promise<string>;
  /** The WebSocket URL of an existing document. */
  socketUrl(documentId: string): string;
  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Resident memory of a process in bytes (Linux). */
export function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error('bench: no VmRSS');
  return Number(match[1]) * 1024;
}

/** A free TCP port on the loopback interface. */
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

function launch(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: 'pipe',
  });
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  return { child, output: () => output };
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: server exited early:\n${output()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`bench: server did not answer:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/**
 * Calls a Selaras API route with JSON; a 409 (already there) is accepted, as set-up steps
 * repeat across instances and runs; any other failure throws.
 */
export async function apiJson<T>(
  api: string,
  method: string,
  route: string,
  body: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(api + route, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409)
    throw new Error(`bench: ${method} ${route} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Where Selaras keeps its data for the bench. */
export interface SelarasStorage {
  databaseUrl?: string;
  dataDir: string;
}

/**
 * Starts Selaras as one process (`node --import tsx server/main.ts`, so its pid is the server's)
 * with an admin account, logged in, and two party agencies. With `redis` it is one of several
 * instances on `storage`: a later instance finds the admin and agencies there already (409).
 */
export async function startSelaras(
  storage: SelarasStorage,
  options: { redis?: { url: string; prefix: string } } = {},
): Promise<Target & { token: string; api: string }> {
  const port = await freePort();
  // BENCH_NODE_ARGS (e.g. "--cpu-prof") goes to the Selaras process, for profiling it under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, output } = launch(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'server/main.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: storage.databaseUrl ?? '',
      DATA_DIR: storage.dataDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      REDIS_URL: options.redis?.url ?? '',
      REDIS_PREFIX: options.redis?.prefix ?? 'selaras:',
    },
  );
  const api = `http://127.0.0.1:${port}`;
  await waitForHttp(`${api}/healthz`, child, output);
  const json = <T>(method: string, route: string, body: unknown, token?: string) =>
    apiJson<T>(api, method, route, body, token);
  const { token } = await json<{ token: string }>('POST', '/api/auth/login', ADMIN);
  for (const code of PARTIES)
    await json('POST', '/api/agencies', { code, name: `Instansi ${code}` }, token);
  const socketUrl = (documentId: string) =>
    `ws://127.0.0.1:${port}/collab/${documentId}?token=${token}`;
  return {
    kind: 'selaras',
    pid: child.pid!,
    token,
    api,
    socketUrl,
    async newDocument() {
      const doc = await json<{ id: string }>(
        'POST',
        '/api/documents',
        { title: 'Bench', parties: PARTIES, reviewers: [] },
        token,
      );
      return doc.id;
    },
    stop: stopper(child),
  };
}

/** Starts the reference y-websocket server; with `persistenceDir` it stores documents in LevelDB. */
export async function startReference(options: { persistenceDir?: string } = {}): Promise<Target> {
  const port = await freePort();
  const bin = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
  const { child, output } = launch(process.execPath, [bin], {
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(options.persistenceDir ? { YPERSISTENCE: options.persistenceDir } : {}),
  });
  await waitForHttp(`http://127.0.0.1:${port}/`, child, output);
  const socketUrl = (documentId: string) => `ws://127.0.0.1:${port}/${documentId}`;
  return {
    kind: 'reference',
    pid: child.pid!,
    socketUrl,
    newDocument: async () => randomUUID(),
    stop: stopper(child),
  };
}
