import * as Y from 'yjs';
import { BenchClient, until } from '../client';
import { paragraphTexts, type BenchContext, type Scenario } from '../scenario';
import { ms, percentile, type ResultRow } from '../table';
import { startReference, startSelaras, type Target } from '../targets';

/** Clients on one document, and how many rounds of one keystroke each run measures. */
const SIZES = [
  { clients: 10, rounds: 300 },
  { clients: 50, rounds: 300 },
  { clients: 200, rounds: 150 },
];
const WARMUP_ROUNDS = 20;
// One keystroke per 15 ms (66/s) keeps the typist under Selaras's per-connection rate limit.
const ROUND_MS = 15;

/**
 * Fan-out latency: one client types a character at a time into a clause; the time until each
 * of the other clients has received the update frame is one sample.
 */
export const fanout: Scenario = {
  name: 'fan-out',
  async run(ctx) {
    const rows: ResultRow[] = [];
    const results = new Map<string, number[]>();
    for (const start of [() => startSelaras(ctx.storage), () => startReference()]) {
      const target = await start();
      try {
        for (const size of SIZES) {
          ctx.progress(`fan-out: ${target.kind}, ${size.clients} clients`);
          results.set(
            `${target.kind}:${size.clients}`,
            await measure(target, ctx, size.clients, size.rounds),
          );
        }
      } finally {
        await target.stop();
      }
    }
    for (const size of SIZES) {
      const ours = results.get(`selaras:${size.clients}`)!;
      const theirs = results.get(`reference:${size.clients}`)!;
      for (const p of [50, 95, 99]) {
        rows.push({
          scenario: `fan-out, ${size.clients} clients on one document`,
          measure: `p${p} latency`,
          selaras: ms(percentile(ours, p)),
          reference: ms(percentile(theirs, p)),
        });
      }
    }
    return rows;
  },
};

async function measure(
  target: Target,
  ctx: BenchContext,
  clients: number,
  rounds: number,
): Promise<number[]> {
  const id = await target.newDocument();
  const doc = new Y.Doc();
  // The reference server starts empty: its typist brings the template along.
  if (target.kind === 'reference') Y.applyUpdate(doc, ctx.templateState);
  const typist = await BenchClient.connect(target.socketUrl(id), { doc });
  await until(() => typist.synced && paragraphTexts(doc).length > 0, 'the typist’s sync');
  const receivers: BenchClient[] = [];
  for (let i = 0; i < clients - 1; i += 25) {
    const batch = Math.min(25, clients - 1 - i);
    receivers.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () => BenchClient.connect(target.socketUrl(id))),
      )),
    );
  }
  await until(() => receivers.every((r) => r.synced), 'the receivers’ sync');

  let started = 0;
  let arrived = 0;
  let samples: number[] = [];
  for (const r of receivers) {
    r.onUpdate = (at) => {
      samples.push(at - started);
      arrived += 1;
    };
  }
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== typist) typist.sendUpdate(update);
  });
  const text = paragraphTexts(doc)[0];
  const latencies: number[] = [];
  for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
    samples = [];
    arrived = 0;
    started = performance.now();
    text.insert(text.length, 'a');
    await until(() => arrived >= receivers.length, `round ${round}`, 10_000);
    if (round >= WARMUP_ROUNDS) latencies.push(...samples);
    const rest = ROUND_MS - (performance.now() - started);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
  await Promise.all([typist, ...receivers].map((c) => c.close()));
  doc.destroy();
  return latencies;
}
