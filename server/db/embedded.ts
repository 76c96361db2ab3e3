import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, QueryResult, SqlParam } from './types';
import type { EmbeddedReply, EmbeddedRequest, EmbeddedStart } from './embeddedWorker';

// Memory of the embedded engine (measured by `npm run bench -- --embedded`, row "embedded
// memory"). PGlite is PostgreSQL compiled to WebAssembly, inside this process:
// - initdb's own WebAssembly instance stays resident after a first start (some 500 MB), so a
//   new data directory is initialised by a short-lived child process and only opened here;
// - initdb writes shared_buffers = 128MB, all of it in the WebAssembly heap once touched; the
//   embedded database is small (one office's documents) and the operating system caches its
//   files anyway, so it runs with SHARED_BUFFERS;
// - V8 compiles the 9 MB pglite.wasm with its baseline compiler (Liftoff) and then again with
//   TurboFan, keeping both; Liftoff alone holds some 40 MB less, starts faster and, measured,
//   ran the server's queries no slower, since the second compile competed for the same cores.
const SHARED_BUFFERS = '8MB';
const WASM_FLAGS = '--liftoff-only';

// PGlite runs its queries as WebAssembly on the thread that calls it. On the main thread every
// query, a document's append as much as a REST reader's, held up the socket frames of every
// editor (fan-out p99 of some 500 ms under the bench's load). It runs in a worker thread of its
// own instead: the main thread only posts the SQL and receives the rows.
const ENTRY = path.join(__dirname, 'embeddedEntry.cjs');

/**
 * Opens the embedded PostgreSQL (PGlite) in its worker thread. It is a single connection:
 * queries run one at a time in the order posted, and a transaction has it to itself until it
 * ends (see below).
 */
export async function openEmbedded(
  options: { dataDir?: string; loadDataDir?: Blob } = {},
): Promise<Db> {
  // Before the first WebAssembly compile of the process (V8's flags are the process's, worker
  // threads included); later compiles keep their tiering.
  v8.setFlagsFromString(WASM_FLAGS);
  if (options.dataDir && !options.loadDataDir) await initialiseApart(options.dataDir);
  const lite = await EmbeddedThread.start({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir && (await options.loadDataDir.arrayBuffer()),
    startParams: ['-c', `shared_buffers=${SHARED_BUFFERS}`],
  });
  // PGlite is one connection, so queries run one at a time in the worker, in the order posted.
  // A plain query is posted at once (the worker goes from one to the next without waiting for
  // this thread, which may be busy with socket frames); only a transaction, whose queries come
  // one by one from `work`, needs the connection to itself: it waits for everything posted
  // before it, and what is posted after it waits for it to end.
  const settled = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      () => undefined,
    );
  let everything: Promise<unknown> = Promise.resolve();
  let lastTransaction: Promise<unknown> = Promise.resolve();

  const run = <Row>(text: string, params?: SqlParam[]): Promise<QueryResult<Row>> =>
    lite.query(text, params) as Promise<QueryResult<Row>>;

  const afterTransactions = <T>(work: () => Promise<T>): Promise<T> => {
    const result = lastTransaction.then(work);
    everything = Promise.all([everything, settled(result)]);
    return result;
  };

  const alone = <T>(work: () => Promise<T>): Promise<T> => {
    const result = everything.then(work);
    lastTransaction = everything = settled(result);
    return result;
  };

  return {
    engine: 'embedded',
    query: (text, params) => afterTransactions(() => run(text, params)),
    transaction: (work) =>
      alone(async () => {
        const tx: Queryable = { query: run };
        await lite.exec('BEGIN');
        try {
          const result = await work(tx);
          await lite.exec('COMMIT');
          return result;
        } catch (error) {
          await lite.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () => alone(() => lite.close()),
  };
}

type Reply = Extract<EmbeddedReply, { ok: true }>;

/** The main thread's end of the worker: requests by id, each settled by its reply. */
class EmbeddedThread {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: EmbeddedReply) => void>();
  private stopped: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: EmbeddedReply) => this.settle(reply));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`embedded database stopped (exit ${code})`)));
    // Only a request in flight keeps the process alive, as a socket to PostgreSQL would.
    worker.unref();
  }

  /** Starts the worker; resolves once the database is open there. */
  static start(start: EmbeddedStart): Promise<EmbeddedThread> {
    const worker = new Worker(ENTRY, {
      workerData: start,
      transferList: start.loadDataDir ? [start.loadDataDir] : [],
      // The entry registers tsx itself from the sources; the parent's flags (jest's) are not its.
      execArgv: [],
      // Its garbage is the rows it hands over; a small young generation keeps it resident-light.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    const thread = new EmbeddedThread(worker);
    return thread.await(0).then(() => thread);
  }

  async query(text: string, params?: SqlParam[]): Promise<QueryResult<unknown>> {
    const { rows, rowCount } = await this.request((id) => ({ id, op: 'query', text, params }));
    return { rows, rowCount };
  }

  async exec(text: string): Promise<void> {
    await this.request((id) => ({ id, op: 'exec', text }));
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.request((id) => ({ id, op: 'close' }));
    await this.worker.terminate();
  }

  private request(make: (id: number) => EmbeddedRequest): Promise<Reply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const reply = this.await(id);
    this.worker.postMessage(make(id));
    return reply;
  }

  private await(id: number): Promise<Reply> {
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok ? resolve(reply) : reject(Object.assign(new Error(), reply.error)),
      );
    });
  }

  private settle(reply: EmbeddedReply): void {
    const done = this.pending.get(reply.id);
    if (!done) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    done(reply);
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const id of [...this.pending.keys()])
      this.settle({ id, ok: false, error: { message: error.message } });
  }
}

/**
 * Creates a new data directory (initdb) in a child process, so initdb's memory leaves with it;
 * a directory that already holds a cluster is left alone.
 */
async function initialiseApart(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const script =
    'require(process.argv[1]).PGlite.create({ dataDir: process.argv[2] }).then((db) => db.close())';
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [WASM_FLAGS, '-e', script, require.resolve('@electric-sql/pglite'), dataDir],
      { env: { ...process.env, NODE_OPTIONS: '' } },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`PGlite initdb failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}

/** Dumps an embedded database's data directory, so tests can start copies of it quickly. */
export async function initialisedDataDir(): Promise<Blob> {
  // Loaded here only: the server's own thread never needs PGlite's code.
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create();
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  return dump;
}
