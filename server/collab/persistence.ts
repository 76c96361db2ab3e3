import type { UpdateRow } from '../text/store';

/** Writes a batch of updates and returns the stored rows' ids and documents. */
export type WriteUpdates = (rows: UpdateRow[]) => Promise<{ id: number; documentId: string }[]>;

/** What the writer reports to its owner. */
export interface WriterHooks {
  /** Updates of `documentId` were stored under `ids`; `latencies` are seconds since each was applied. */
  stored(documentId: string, ids: number[], latencies: number[]): void;
  /** A write failed; the updates stay queued and are retried after `retryInMs`. */
  failed(error: unknown, retryInMs: number): void;
  /** Updates of a document that no longer exists were dropped. */
  dropped(documentId: string, count: number): void;
}

interface Pending {
  seq: number;
  row: UpdateRow;
  appliedAt: number;
  /** Told once this very update is stored (or dropped with its deleted document). */
  done?: () => void;
}

interface Waiter {
  documentId: string;
  seq: number;
  resolve: () => void;
}

/** The PostgreSQL error code of a foreign key violation: the document was deleted meanwhile. */
const FOREIGN_KEY_VIOLATION = '23503';
/** The most rows one INSERT carries. */
const BATCH_ROWS = 2_000;

/**
 * Stores applied updates in batches: the first update of an empty queue starts a timer of
 * `flushDelayMs`, and everything queued by then goes in one INSERT, whatever its document.
 * A failed write keeps the updates in memory, in order, and retries with a backoff capped at
 * `maxRetryDelayMs`, so a short database outage delays storage but loses nothing.
 */
export class UpdateWriter {
  private pending: Pending[] = [];
  private inFlight: Pending[] = [];
  private readonly lastSeq = new Map<string, number>();
  private readonly unstored = new Map<string, number>();
  private waiters: Waiter[] = [];
  private seq = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: WriteUpdates,
    private readonly options: { flushDelayMs: number; maxRetryDelayMs: number },
    private readonly hooks: WriterHooks,
  ) {}

  /** How many updates are waiting to be stored. */
  get backlog(): number {
    return this.pending.length + this.inFlight.length;
  }

  /** Queues an update applied just now; `done` is called once it is stored (or dropped). */
  enqueue(row: UpdateRow, done?: () => void): void {
    const seq = ++this.seq;
    this.pending.push({ seq, row, appliedAt: Date.now(), done });
    this.lastSeq.set(row.documentId, seq);
    this.unstored.set(row.documentId, (this.unstored.get(row.documentId) ?? 0) + 1);
    this.schedule(this.options.flushDelayMs);
  }

  /** Resolves once every update of the document queued so far is stored. */
  whenStored(documentId: string): Promise<void> {
    const seq = this.lastSeq.get(documentId);
    if (seq === undefined || this.isStored(documentId, seq)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ documentId, seq, resolve }));
  }

  /** Writes everything queued now, retrying until `deadline` (epoch ms); returns how many remain. */
  async drain(deadline: number): Promise<number> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.backlog > 0 && Date.now() < deadline) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.run();
      if (this.failures > 0 && this.pending.length > 0) {
        await new Promise((r) =>
          setTimeout(r, Math.min(this.retryDelay(), Math.max(0, deadline - Date.now()))),
        );
      }
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.backlog;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.running || this.pending.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.writeBatch().finally(() => {
      this.running = undefined;
      if (this.failures > 0) this.schedule(this.retryDelay());
      else if (this.pending.length > 0) {
        const age = Date.now() - this.pending[0].appliedAt;
        this.schedule(Math.max(0, this.options.flushDelayMs - age));
      }
    });
    return this.running;
  }

  private async writeBatch(): Promise<void> {
    this.inFlight = this.pending.slice(0, BATCH_ROWS);
    this.pending = this.pending.slice(this.inFlight.length);
    try {
      const stored = await this.write(this.inFlight.map((p) => p.row));
      this.succeeded(this.inFlight, stored);
    } catch (error) {
      if (isForeignKeyViolation(error)) await this.writeEachDocument(this.inFlight);
      else this.fail(this.inFlight, error);
    } finally {
      this.inFlight = [];
    }
    this.wakeWaiters();
  }

  /** Isolates documents deleted while their updates were queued, so the rest still lands. */
  private async writeEachDocument(batch: Pending[]): Promise<void> {
    const byDocument = new Map<string, Pending[]>();
    for (const p of batch)
      byDocument.set(p.row.documentId, [...(byDocument.get(p.row.documentId) ?? []), p]);
    const failed: Pending[] = [];
    let lastError: unknown;
    for (const [documentId, items] of byDocument) {
      try {
        this.succeeded(items, await this.write(items.map((p) => p.row)));
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          for (const p of items) p.done?.();
          this.settle(documentId, items.length);
          this.hooks.dropped(documentId, items.length);
        } else {
          failed.push(...items);
          lastError = error;
        }
      }
    }
    if (failed.length > 0) this.fail(failed, lastError);
  }

  private succeeded(items: Pending[], stored: { id: number; documentId: string }[]): void {
    this.failures = 0;
    const now = Date.now();
    const latencies = new Map<string, number[]>();
    for (const p of items) {
      p.done?.();
      const list = latencies.get(p.row.documentId) ?? [];
      list.push((now - p.appliedAt) / 1000);
      latencies.set(p.row.documentId, list);
    }
    const ids = new Map<string, number[]>();
    for (const row of stored) ids.set(row.documentId, [...(ids.get(row.documentId) ?? []), row.id]);
    for (const [documentId, list] of latencies) {
      this.settle(documentId, list.length);
      this.hooks.stored(documentId, ids.get(documentId) ?? [], list);
    }
  }

  /** Counts `count` updates of a document as done with, stored or dropped. */
  private settle(documentId: string, count: number): void {
    const left = (this.unstored.get(documentId) ?? 0) - count;
    if (left > 0) {
      this.unstored.set(documentId, left);
      return;
    }
    this.unstored.delete(documentId);
    this.lastSeq.delete(documentId);
  }

  private fail(items: Pending[], error: unknown): void {
    this.failures += 1;
    // Back at the head of the queue, so each document's updates keep their order.
    this.pending = [...items, ...this.pending];
    this.hooks.failed(error, this.retryDelay());
  }

  private retryDelay(): number {
    return Math.min(this.options.maxRetryDelayMs, 50 * 2 ** Math.min(this.failures, 10));
  }

  private isStored(documentId: string, seq: number): boolean {
    if (!this.unstored.has(documentId)) return true;
    const waiting = (p: Pending) => p.row.documentId === documentId && p.seq <= seq;
    return !this.inFlight.some(waiting) && !this.pending.some(waiting);
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.isStored(w.documentId, w.seq)) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION
  );
}
