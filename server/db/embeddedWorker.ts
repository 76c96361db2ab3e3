import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';

// The embedded engine's own thread (see embedded.ts for why). It holds the one PGlite and
// answers each request with one reply carrying the request's id; the main thread decides the
// order (its queue), so this side runs what it is sent as it comes.

/** What the main thread hands the worker when it starts it. */
export interface EmbeddedStart {
  dataDir?: string;
  /** A dumped data directory (tests), as bytes. */
  loadDataDir?: ArrayBuffer;
  /** Added to PGlite's own start parameters. */
  startParams: string[];
}

/** One request: a parameterised query, a statement without parameters, or closing. */
export type EmbeddedRequest =
  | { id: number; op: 'query'; text: string; params?: unknown[] }
  | { id: number; op: 'exec'; text: string }
  | { id: number; op: 'close' };

/** The reply to request `id`; id 0 answers the start (the database is open, or failed to). */
export type EmbeddedReply =
  | { id: number; ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { id: number; ok: false; error: ErrorFields };

/** An error as it crosses threads: its message and its plain fields (code, severity, …). */
export type ErrorFields = { message: string } & Record<string, unknown>;

// The fields of a database error that carry no function or class, so they clone; the query
// options hold the parser callbacks, so they stay here.
const LEFT_BEHIND = new Set(['queryOptions', 'stack']);

function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: ErrorFields = { message: error.message, name: error.name };
  for (const [key, value] of Object.entries(error)) {
    if (LEFT_BEHIND.has(key) || typeof value === 'function') continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fields[key] = value;
  }
  return fields;
}

async function answer(lite: PGlite, request: EmbeddedRequest): Promise<EmbeddedReply> {
  const { id } = request;
  try {
    if (request.op === 'close') {
      await lite.close();
      return { id, ok: true, rows: [], rowCount: 0 };
    }
    if (request.op === 'exec') {
      await lite.exec(request.text);
      return { id, ok: true, rows: [], rowCount: 0 };
    }
    const result = await lite.query<Record<string, unknown>>(request.text, request.params);
    // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows returned.
    const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
    return { id, ok: true, rows: result.rows, rowCount };
  } catch (error) {
    return { id, ok: false, error: errorFields(error) };
  }
}

/** Opens the database and serves the main thread's requests until it asks to close. */
export async function serveEmbedded(port: MessagePort, start: EmbeddedStart): Promise<void> {
  let lite: PGlite;
  try {
    lite = await PGlite.create({
      dataDir: start.dataDir,
      loadDataDir: start.loadDataDir && new Blob([start.loadDataDir]),
      startParams: [...PGlite.defaultStartParams, ...start.startParams],
    });
  } catch (error) {
    port.postMessage({ id: 0, ok: false, error: errorFields(error) } satisfies EmbeddedReply);
    return;
  }
  port.on('message', (request: EmbeddedRequest) => {
    void answer(lite, request).then((reply) => {
      try {
        port.postMessage(reply);
      } catch (error) {
        // A value that does not clone (none should): the caller gets an error, not silence.
        port.postMessage({ id: reply.id, ok: false, error: errorFields(error) });
      }
      if (request.op === 'close') port.close();
    });
  });
  port.postMessage({ id: 0, ok: true, rows: [], rowCount: 0 } satisfies EmbeddedReply);
}

/** Started as a worker thread (by embeddedEntry.cjs, or the compiled entry in dist). */
export function serveFromWorker(): void {
  // As embedded.ts sets for the process; said again here, before this thread's compile of PGlite.
  v8.setFlagsFromString('--liftoff-only');
  if (parentPort) void serveEmbedded(parentPort, workerData as EmbeddedStart);
}
