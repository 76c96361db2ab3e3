import { PGlite } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Db, Queryable, QueryResult, SqlParam } from './types';

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

/**
 * Opens the embedded PostgreSQL (PGlite). It is a single connection, so every query and
 * transaction takes a turn through one queue; a transaction holds the queue until it ends.
 */
export async function openEmbedded(
  options: { dataDir?: string; loadDataDir?: Blob } = {},
): Promise<Db> {
  // Before the first WebAssembly compile of the process; later compiles keep their tiering.
  v8.setFlagsFromString(WASM_FLAGS);
  if (options.dataDir && !options.loadDataDir) await initialiseApart(options.dataDir);
  const lite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
  });
  let queue: Promise<unknown> = Promise.resolve();

  const turn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const run = async <Row>(text: string, params?: SqlParam[]): Promise<QueryResult<Row>> => {
    const result = await lite.query<Row>(text, params as unknown[] | undefined);
    // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows returned.
    const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
    return { rows: result.rows, rowCount };
  };

  return {
    engine: 'embedded',
    query: (text, params) => turn(() => run(text, params)),
    transaction: (work) =>
      turn(async () => {
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
    close: () => turn(() => lite.close()),
  };
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
  const lite = await PGlite.create();
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  return dump;
}
