import { UpdateWriter, type WriteUpdates } from '../../server/collab/persistence';
import type { UpdateRow } from '../../server/text/store';
import { waitFor } from './clients';

const row = (documentId: string, n: number): UpdateRow => ({
  documentId,
  update: new Uint8Array([n]),
  userId: null,
});

/** A store that fails its first `failures` writes and records the rows of the others. */
function flakyStore(failures: number) {
  const stored: UpdateRow[] = [];
  let calls = 0;
  let nextId = 1;
  const write: WriteUpdates = async (rows) => {
    calls++;
    if (calls <= failures) throw new Error('database unreachable');
    stored.push(...rows);
    return rows.map((r) => ({ id: nextId++, documentId: r.documentId }));
  };
  return { stored, write, calls: () => calls };
}

const quietHooks = { stored: () => undefined, failed: () => undefined, dropped: () => undefined };

describe('UpdateWriter', () => {
  it('batches updates queued together into one write, within the flush delay', async () => {
    const store = flakyStore(0);
    const writer = new UpdateWriter(
      store.write,
      { flushDelayMs: 20, maxRetryDelayMs: 100 },
      quietHooks,
    );
    for (let i = 0; i < 5; i++) writer.enqueue(row(i % 2 ? 'a' : 'b', i));
    await writer.whenStored('a');
    await writer.whenStored('b');
    expect(store.calls()).toBe(1);
    expect(store.stored.map((r) => r.update[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps updates in memory and in order while writes fail, and stores them all once they succeed', async () => {
    const store = flakyStore(3);
    const failures: number[] = [];
    const writer = new UpdateWriter(
      store.write,
      { flushDelayMs: 5, maxRetryDelayMs: 40 },
      { ...quietHooks, failed: (_e, retryInMs) => failures.push(retryInMs) },
    );
    writer.enqueue(row('a', 1));
    await waitFor(() => store.calls() >= 1, 'first attempt');
    writer.enqueue(row('a', 2));
    writer.enqueue(row('b', 3));
    await writer.whenStored('a');
    expect(store.stored.map((r) => r.update[0])).toEqual([1, 2, 3]);
    expect(failures).toHaveLength(3);
    expect(Math.max(...failures)).toBeLessThanOrEqual(40);
    expect(writer.backlog).toBe(0);
  });

  it('drops only the updates of a document deleted meanwhile', async () => {
    const stored: UpdateRow[] = [];
    const dropped: string[] = [];
    const write: WriteUpdates = async (rows) => {
      if (rows.some((r) => r.documentId === 'gone'))
        throw Object.assign(new Error('fk'), { code: '23503' });
      stored.push(...rows);
      return rows.map((r, i) => ({ id: i + 1, documentId: r.documentId }));
    };
    const writer = new UpdateWriter(
      write,
      { flushDelayMs: 5, maxRetryDelayMs: 40 },
      { ...quietHooks, dropped: (d) => dropped.push(d) },
    );
    writer.enqueue(row('kept', 1));
    writer.enqueue(row('gone', 2));
    writer.enqueue(row('kept', 3));
    await writer.whenStored('kept');
    await writer.whenStored('gone');
    expect(stored.map((r) => r.update[0])).toEqual([1, 3]);
    expect(dropped).toEqual(['gone']);
  });

  it('gives up draining at the deadline and reports what is left', async () => {
    const store = flakyStore(1_000);
    const writer = new UpdateWriter(
      store.write,
      { flushDelayMs: 5, maxRetryDelayMs: 20 },
      quietHooks,
    );
    writer.enqueue(row('a', 1));
    expect(await writer.drain(Date.now() + 150)).toBe(1);
  });
});
