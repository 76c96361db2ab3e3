import { performance } from 'node:perf_hooks';
import { encodeDocument } from '../../server/documents/text';
import type { ExportSource } from '../../server/exports/model';
import { runOffThread } from '../../server/exports/offThread';
import { OFF_THREAD_CONCURRENCY, OFF_THREAD_QUEUE } from '../../shared/limits';
import { parsePlainText } from '../../shared/plainText';
import { buildExportModel } from '../support/exportModel';
import { pdfPages } from './readBack';

/** An export source of the plain-form `text`, as gatherExportSource would hand it over. */
function sourceOf(text: string): ExportSource {
  const { titleLines: _t, preamble: _p, clauses: _c, closing: _e, ...rest } = buildExportModel();
  return { ...rest, state: encodeDocument(parsePlainText(text)) };
}

const longWord = () => `NOTA KESEPAKATAN\nPasal 1\nUmum\n${'a'.repeat(490_000)}`;

/** Runs `work` while timing a 10 ms timer every 20 ms; returns its outcome and the worst lag. */
async function withLag<T>(work: () => Promise<T>): Promise<{ outcome: T; worstLagMs: number }> {
  let worst = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      worst = Math.max(worst, performance.now() - start - 10);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return { outcome: await work(), worstLagMs: worst };
  } finally {
    running = false;
    await probe;
  }
}

describe('exports and imports off the main thread', () => {
  it('renders a PDF in a worker thread that loads the TypeScript renderer under jest', async () => {
    const pdf = await runOffThread(
      'pdf',
      sourceOf('NOTA KESEPAKATAN\nPasal 1\nUmum\nIsi.'),
      'Ekspor',
    );
    expect((await pdfPages(Buffer.from(pdf))).join(' ')).toContain('Isi.');
  });

  it('lays out a 490,000-character word (the REST limit) while the event loop stays free', async () => {
    const { outcome, worstLagMs } = await withLag(() =>
      runOffThread('pdf', sourceOf(longWord()), 'Ekspor'),
    );
    expect(outcome.byteLength).toBeGreaterThan(10_000);
    // Before: 30 s of a blocked event loop for 40,000 characters, out of memory for 490,000.
    expect(worstLagMs).toBeLessThan(1000);
  }, 60_000);

  it('stops a job past its deadline with 503 and a message in Bahasa Indonesia', async () => {
    await expect(
      runOffThread('pdf', sourceOf(longWord()), 'Ekspor', { timeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      message: expect.stringMatching(/^Ekspor dihentikan karena melebihi batas waktu/),
    });
  });

  it('counts a job’s deadline from when its worker has loaded, not the loading itself', async () => {
    // Another heap limit than the default takes a fresh worker, which under jest compiles the
    // renderers first: seconds (nine on a busy machine), no part of what the input may take.
    // Its first small job takes well under a second once loaded.
    const docx = await runOffThread('docx', sourceOf('Pasal 1\nUmum\nIsi.'), 'Ekspor', {
      timeoutMs: 1_500,
      heapMb: 200,
    });
    expect(docx.byteLength).toBeGreaterThan(1000);
  }, 60_000);

  it('stops a job past its heap limit with 413, and the server process lives on', async () => {
    await expect(
      runOffThread('pdf', sourceOf(longWord()), 'Ekspor', { heapMb: 24 }),
    ).rejects.toMatchObject({
      code: 'too_large',
      status: 413,
      message: expect.stringMatching(/batas memori/),
    });
    // The next job runs as if nothing happened.
    const pdf = await runOffThread('pdf', sourceOf('Pasal 1\nUmum\nIsi.'), 'Ekspor');
    expect(pdf.byteLength).toBeGreaterThan(1000);
  }, 60_000);

  it('refuses (413) to export a text past the limits, such as 29,000 Pasal, without blocking', async () => {
    const text = Array.from({ length: 29_000 }, (_, i) => `Pasal ${i + 1}\nJudul\nIsi.`).join('\n');
    const source = sourceOf(text);
    const { outcome, worstLagMs } = await withLag(() =>
      runOffThread('docx', source, 'Ekspor').then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(outcome).toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/^Naskah tidak dapat diekspor. Naskah melebihi batas/),
    });
    expect(worstLagMs).toBeLessThan(1000);
  }, 60_000);

  it('answers 503 at once when every worker is busy and the line is full', async () => {
    const source = sourceOf('Pasal 1\nUmum\nIsi.');
    const jobs = Array.from({ length: OFF_THREAD_CONCURRENCY + OFF_THREAD_QUEUE + 1 }, () =>
      runOffThread('docx', source, 'Ekspor').then(
        () => 'done',
        (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
      ),
    );
    const outcomes = await Promise.all(jobs);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(
      OFF_THREAD_CONCURRENCY + OFF_THREAD_QUEUE,
    );
    expect(outcomes.filter((o) => o !== 'done')).toEqual([
      expect.stringMatching(/^unavailable: Ekspor tidak dapat diproses sekarang/),
    ]);
  }, 60_000);
});
