import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
  /** Every process the server was started as (`npm start`: npm, its shell and the server). */
  tree(): number[];
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

/** Stops `child` with SIGTERM sent to `pid` (the server under npm, or the child itself). */
function stopper(child: ChildProcess, pid = child.pid!): () => Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
    if (pid !== child.pid && name === 'SIGKILL') child.kill(name);
  };
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const hard = setTimeout(() => signal('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      signal('SIGTERM');
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

/** The processes under `pid` (children, grandchildren, ...), from /proc. */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (of: number) => {
    for (const [child, p] of parent)
      if (p === of) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

/** Resident memory of a process and everything under it, in bytes. */
export function treeRss(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += rss(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

let built = false;

/** Builds the client and the compiled server once per bench run (`npm run build`, as `npm start` does). */
export function buildOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
  built = true;
}

/** Bench accounts on a storage: sockets take their tokens in turn, so none passes the per-user socket cap. */
const SOCKET_USERS = 60;
const socketTokens = new Map<string, string[]>();

/** The flags `npm start` gives node before the server's script (package.json is their home). */
const START_NODE_ARGS: string[] = (() => {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts
    .start;
  const words = start.split(/\s+/);
  return words.slice(1, words.indexOf('dist/server/main.js'));
})();

/**
 * Starts Selaras compiled, as `npm start` runs it: `node dist/server/main.js` (so its pid is the
 * server's), or with `npm` through `npm start` itself (its pid is then the server's, found under
 * npm, and `tree()` lists npm, its shell and the server). With an admin account, logged in, two
 * party agencies and bench accounts whose tokens the sockets take in turn (each account may hold
 * 20 sockets). With `redis` it is one of several instances on `storage`: a later instance finds
 * the admin, agencies and accounts already there (409).
 */
export async function startSelaras(
  storage: SelarasStorage,
  options: {
    redis?: { url: string; prefix: string };
    npm?: boolean;
    seedDemo?: boolean;
    /** No bench accounts: sockets use the admin's token (fewer than 20 at once). */
    bare?: boolean;
  } = {},
): Promise<Target & { token: string; api: string }> {
  buildOnce();
  const port = await freePort();
  // The node flags of `npm start`, then BENCH_NODE_ARGS (e.g. "--cpu-prof") for profiling.
  const nodeArgs = [
    ...START_NODE_ARGS,
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const { child, output } = launch(
    options.npm ? 'npm' : process.execPath,
    options.npm ? ['start', '--silent'] : [...nodeArgs, 'dist/server/main.js'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: storage.databaseUrl ?? '',
      DATA_DIR: storage.dataDir,
      SEED_DEMO: options.seedDemo ? '1' : '0',
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
  const tokens = options.bare ? [token] : await benchAccounts(storage, json, token);
  let turn = 0;
  const socketUrl = (documentId: string) =>
    `ws://127.0.0.1:${port}/collab/${documentId}?token=${tokens[turn++ % tokens.length]}`;
  const serverPid = options.npm ? npmServerPid(child.pid!) : child.pid!;
  return {
    kind: 'selaras',
    pid: serverPid,
    tree: () => [child.pid!, ...descendants(child.pid!)],
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
    stop: stopper(child, serverPid),
  };
}

/** Drafter accounts of the first party on a storage, created and signed in once per bench run. */
async function benchAccounts(
  storage: SelarasStorage,
  json: <T>(method: string, route: string, body: unknown, token?: string) => Promise<T>,
  admin: string,
): Promise<string[]> {
  const key = storage.databaseUrl ?? storage.dataDir;
  const known = socketTokens.get(key);
  if (known) return known;
  const tokens: string[] = [];
  for (let i = 0; i < SOCKET_USERS; i += 10) {
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const account = { email: `bench.${i + j}@selaras.test`, password: ADMIN.password };
          const user = { ...account, name: `Perancang Bench ${i + j}`, role: 'drafter' };
          await json('POST', '/api/users', { ...user, agency: PARTIES[0] }, admin);
          return (await json<{ token: string }>('POST', '/api/auth/login', account)).token;
        }),
      )),
    );
  }
  socketTokens.set(key, tokens);
  return tokens;
}

/** The server process `npm start` runs: the node process under npm whose script is the server. */
function npmServerPid(npmPid: number): number {
  for (const pid of descendants(npmPid)) {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('dist/server/main.js') && cmdline.startsWith(process.execPath)) return pid;
    if (cmdline.split('\0')[0].endsWith('node') && cmdline.includes('dist/server/main.js'))
      return pid;
  }
  throw new Error('bench: no server process under npm start');
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
    tree: () => [child.pid!],
    socketUrl,
    newDocument: async () => randomUUID(),
    stop: stopper(child),
  };
}
