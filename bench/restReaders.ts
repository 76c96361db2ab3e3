import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from './random';

/** What the load scenario hands its REST readers. */
export interface ReadersTask {
  api: string;
  token: string;
  /** The documents read, one per reader in turn. */
  ids: string[];
  readers: number;
  /** Each reader polls the three routes once every min–max ms. */
  pollMs: { min: number; max: number };
}

/** What the readers report once told to stop. */
export interface ReadersReport {
  latencies: number[];
  errors: string[];
}

const sleep = (millis: number) => new Promise((r) => setTimeout(r, Math.max(0, millis)));

/** Polls the document list, one document's clauses and its revisions until `stopped`. */
async function read(
  task: ReadersTask,
  documentId: string,
  seed: number,
  stopped: () => boolean,
  report: ReadersReport,
): Promise<void> {
  const random = seededRandom(seed * 104_729);
  const between = () => task.pollMs.min + random() * (task.pollMs.max - task.pollMs.min);
  const routes = [
    '/api/documents',
    `/api/documents/${documentId}/clauses`,
    `/api/documents/${documentId}/revisions`,
  ];
  const headers = { authorization: `Bearer ${task.token}` };
  let next = performance.now() + random() * task.pollMs.max;
  for (;;) {
    await sleep(next - performance.now());
    if (stopped()) return;
    for (const route of routes) {
      const started = performance.now();
      const name = `GET ${route.replace(documentId, ':id')}`;
      try {
        const res = await fetch(task.api + route, { headers, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        report.latencies.push(performance.now() - started);
        if (!res.ok) report.errors.push(`${name} → ${res.status}`);
      } catch (error) {
        report.errors.push(`${name}: ${(error as Error).message}`);
      }
    }
    next += between();
  }
}

/**
 * The load scenario's REST readers, in a worker thread of the bench: their requests and
 * responses are then handled on an event loop of their own, so they do not delay the bench's
 * timestamps of fan-out (the reference server, which has no REST API, has no readers to pay for).
 * Started with a ReadersTask; the message 'stop' ends the polls and posts a ReadersReport.
 */
if (parentPort) {
  const port = parentPort;
  const task = workerData as ReadersTask;
  const report: ReadersReport = { latencies: [], errors: [] };
  let stopped = false;
  const readers = Array.from({ length: task.readers }, (_, i) =>
    read(task, task.ids[i % task.ids.length], i + 1, () => stopped, report),
  );
  port.once('message', () => {
    stopped = true;
    // The readers finish the poll they are in.
    void Promise.all(readers).then(() => port.postMessage(report));
  });
}
