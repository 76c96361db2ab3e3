import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  OFF_THREAD_CONCURRENCY,
  OFF_THREAD_HEAP_MB,
  OFF_THREAD_QUEUE,
  OFF_THREAD_TIMEOUT_MS,
} from '../../shared/limits';
import { AppError, tooLarge } from '../errors';
import type { JobInput, JobMessage, JobName, JobOutput, WORKER_READY } from './offThreadJobs';

// Rendering an export and reading an uploaded .docx are CPU-bound and their cost follows input
// a caller controls. On the main thread one such request stalls every other user; here each
// runs in a worker thread of its own with a heap limit and a deadline, a few at a time, and a
// request that needs more is refused (413 or 503) while the server goes on answering.

const ENTRY = path.join(__dirname, 'offThreadEntry.cjs');

/** Limits of one job; the defaults come from shared/limits.ts, tests pass smaller ones. */
export interface OffThreadLimits {
  timeoutMs?: number;
  heapMb?: number;
}

/** What the job is, in the words of the refusal messages: `Ekspor`, `Impor` or `Tanggapan`. */
export type JobLabel = 'Ekspor' | 'Impor' | 'Tanggapan';

const unavailable = (message: string) => new AppError('unavailable', message);

/** Lets `size` jobs run at once and up to `queue` wait, each no longer than `maxWaitMs`. */
class Gate {
  private running = 0;
  private readonly waiting: { go: () => void }[] = [];

  constructor(
    private readonly size: number,
    private readonly queue: number,
  ) {}

  /** Resolves when the caller may run; 503 when the line is full or the wait too long. */
  enter(label: JobLabel, maxWaitMs: number): Promise<void> {
    if (this.running < this.size) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queue) return Promise.reject(unavailable(busy(label)));
    return new Promise((resolve, reject) => {
      const slot = { go: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(slot), 1);
        reject(unavailable(busy(label)));
      }, maxWaitMs);
      this.waiting.push(slot);
    });
  }

  /** Hands the slot to the next in line, or frees it. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next.go();
    else this.running -= 1;
  }
}

const gate = new Gate(OFF_THREAD_CONCURRENCY, OFF_THREAD_QUEUE);

/** Runs a job in a worker thread under a heap limit and a deadline; 413/503 past them. */
export async function runOffThread<K extends JobName>(
  name: K,
  input: JobInput<K>,
  label: JobLabel,
  limits: OffThreadLimits = {},
): Promise<JobOutput<K>> {
  const timeoutMs = limits.timeoutMs ?? OFF_THREAD_TIMEOUT_MS;
  await gate.enter(label, timeoutMs);
  try {
    return (await inWorker(name, input, label, timeoutMs, limits.heapMb)) as JobOutput<K>;
  } finally {
    gate.leave();
  }
}

// A worker that finished its job cleanly waits this long for the next one: loading the
// renderers and the importer takes a second or more, which a reused worker saves.
const IDLE_MS = 30_000;
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
// Workers whose job table has loaded. A job's deadline runs from then: loading takes what it
// takes on a busy machine (seconds under jest's run-time compiler), whatever the input.
const loaded = new WeakSet<Worker>();
// A worker that has not loaded by then is stopped (it never should take this long).
const LOAD_LIMIT_MS = 120_000;

function spawnWorker(heapMb: number): Worker {
  const worker = new Worker(ENTRY, {
    // The entry registers tsx itself; the parent's loader flags are not needed, nor jest's.
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: heapMb,
      maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(heapMb / 8))),
      stackSizeMb: 4,
    },
  });
  // An idle worker must not keep the process (or a test run) alive.
  worker.unref();
  return worker;
}

function takeWorker(heapMb: number): Worker {
  const reused = heapMb === OFF_THREAD_HEAP_MB ? idle.pop() : undefined;
  if (!reused) return spawnWorker(heapMb);
  clearTimeout(reused.timer);
  return reused.worker;
}

function giveBack(worker: Worker, heapMb: number): void {
  if (heapMb !== OFF_THREAD_HEAP_MB || idle.length >= OFF_THREAD_CONCURRENCY) {
    void worker.terminate();
    return;
  }
  const entry = { worker, timer: setTimeout(() => retire(entry), IDLE_MS) };
  entry.timer.unref();
  idle.push(entry);
}

function retire(entry: (typeof idle)[number]): void {
  const at = idle.indexOf(entry);
  if (at !== -1) idle.splice(at, 1);
  void entry.worker.terminate();
}

function inWorker(
  name: JobName,
  input: unknown,
  label: JobLabel,
  timeoutMs: number,
  heapMb = OFF_THREAD_HEAP_MB,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = takeWorker(heapMb);
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    // A worker that answered goes back to the pool; one stopped by a limit or a crash does not.
    const settle = (healthy: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (healthy) giveBack(worker, heapMb);
      else void worker.terminate();
      outcome();
    };
    const deadline = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => settle(false, () => reject(unavailable(timedOut(label, timeoutMs)))),
        ms,
      );
    };
    const onMessage = (message: JobMessage | typeof WORKER_READY) => {
      if ('ready' in message) {
        loaded.add(worker);
        return deadline(timeoutMs);
      }
      settle(true, () => (message.ok ? resolve(message.result) : reject(refusalOf(message))));
    };
    const onError = (error: Error & { code?: string }) =>
      settle(false, () =>
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(outOfMemory(label)) : error),
      );
    const onExit = (code: number) =>
      settle(false, () => reject(new Error(`${label}: worker ended with code ${code}`)));
    deadline(loaded.has(worker) ? timeoutMs : LOAD_LIMIT_MS);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ name, input });
  });
}

function refusalOf(message: Extract<JobMessage, { ok: false }>): Error {
  if (message.refusal === null) return new Error(message.message);
  const { code, message: text, details } = message.refusal;
  return new AppError(code, text, details);
}

function busy(label: JobLabel): string {
  return `${label} tidak dapat diproses sekarang karena server sedang mengolah berkas lain. Coba lagi sebentar lagi.`;
}

function timedOut(label: JobLabel, timeoutMs: number): string {
  return `${label} dihentikan karena melebihi batas waktu ${timeoutMs / 1000} detik; naskah atau berkas mungkin terlalu besar.`;
}

function outOfMemory(label: JobLabel): string {
  return `${label} dihentikan karena melebihi batas memori; naskah atau berkas terlalu besar untuk diolah.`;
}
