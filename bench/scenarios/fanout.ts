import * as Y from 'yjs';
import { BenchClient, until } from '../client';
import { paragraphTexts, type BenchContext, type Scenario } from '../scenario';
import { ms, percentile, type ResultRow } from '../table';
import { startReference, startSelaras, type Target } from '../targets';

/** Clients on one document, and how many rounds of one keystroke each run measures. */
const SIZES = [
  { clients: 10, rounds: 500 },
  { clients: 50, rounds: 400 },
  { clients: 200, rounds: 200 },
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
    // Both servers run throughout and their keystrokes alternate, so background load on the
    // machine falls on both alike.
    const targets = await Promise.all([startSelaras(ctx.storage), startReference()]);
    try {
      for (const size of SIZES) {
        ctx.progress(`fan-out: ${size.clients} clients on each server`);
        const sessions = await Promise.all(targets.map((t) => openSession(t, ctx, size.clients)));
        const samples = await typeInTurn(sessions, size.rounds);
        for (const p of [50, 95, 99]) {
          rows.push({
            scenario: `fan-out, ${size.clients} clients on one document`,
            measure: `p${p} latency`,
            selaras: ms(percentile(samples[0], p)),
            reference: ms(percentile(samples[1], p)),
          });
        }
      }
    } finally {
      await Promise.all(targets.map((t) => t.stop()));
    }
    return rows;
  },
};

/**
 * Types `rounds` keystrokes (after the warm-up) in each session in turn, so background load
 * falls on all alike; closes the sessions and returns each one's latencies.
 */
export async function typeInTurn(
  sessions: Awaited<ReturnType<typeof openSession>>[],
  rounds: number,
): Promise<number[][]> {
  const samples = sessions.map(() => [] as number[]);
  for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
    for (const [i, session] of sessions.entries()) {
      const latencies = await session.keystroke();
      if (round >= WARMUP_ROUNDS) samples[i].push(...latencies);
    }
  }
  await Promise.all(sessions.map((s) => s.close()));
  return samples;
}

/**
 * One typist and `clients - 1` receivers on a fresh document of a server; the receivers connect
 * to `readers` (another instance on the same database) when it is given.
 */
export async function openSession(
  target: Target,
  ctx: BenchContext,
  clients: number,
  readers: Target = target,
) {
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
        Array.from({ length: batch }, () => BenchClient.connect(readers.socketUrl(id))),
      )),
    );
  }
  await until(() => receivers.every((r) => r.synced), 'the receivers’ sync');

  let started = 0;
  let samples: number[] = [];
  for (const r of receivers) r.onUpdate = (at) => samples.push(at - started);
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== typist) typist.sendUpdate(update);
  });
  const text = paragraphTexts(doc)[0];
  let last = 0;
  return {
    /** Types one character and resolves with every receiver's latency. */
    async keystroke(): Promise<number[]> {
      const rest = ROUND_MS - (performance.now() - last);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      samples = [];
      started = last = performance.now();
      text.insert(text.length, 'a');
      await until(
        () => samples.length >= receivers.length,
        'a keystroke to reach everyone',
        10_000,
      ).catch((error: Error) => {
        const closed = [typist, ...receivers].filter((c) => c.failed);
        throw new Error(
          `${error.message} (${target.kind}: ${samples.length} of ${receivers.length} got it; ${closed.length} sockets closed${closed[0] ? `, first with ${closed[0].closedWith}` : ''}${typist.failed ? ', the typist among them' : ''})`,
        );
      });
      return samples;
    },
    async close() {
      await Promise.all([typist, ...receivers].map((c) => c.close()));
      doc.destroy();
    },
  };
}
