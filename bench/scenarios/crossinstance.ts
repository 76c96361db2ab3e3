import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Scenario } from '../scenario';
import { ms, percentile, type ResultRow } from '../table';
import { startReference, startSelaras, type Target } from '../targets';
import { openSession, typeInTurn } from './fanout';

const READERS = 50;
const ROUNDS = 400;

/**
 * Fan-out across instances: two Selaras processes on one database and one Redis; a writer on
 * instance 1 and 50 readers on instance 2, against the same with all of them on instance 1 and
 * on the reference server (which cannot run as several instances).
 */
export const crossInstance: Scenario = {
  name: 'cross-instance',
  async run(ctx) {
    const scenario = (where: string) => `cross-instance, ${READERS} readers ${where}`;
    const url = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const skipped = !ctx.storage.databaseUrl
      ? 'skipped: needs PostgreSQL'
      : !(await answers(url))
        ? `skipped: no Redis at ${url}`
        : undefined;
    if (skipped)
      return [
        {
          scenario: scenario('on instance 2, writer on 1'),
          measure: 'latency',
          selaras: skipped,
          reference: 'n/a',
        },
      ];

    // A prefix of its own, so nothing of another run (or deployment) on this Redis is seen.
    const redis = { url, prefix: `selaras-bench-${randomBytes(4).toString('hex')}:` };
    const targets: Target[] = [];
    try {
      // One after the other: the second finds the admin and agencies the first created.
      targets.push(await startSelaras(ctx.storage, { redis }));
      targets.push(await startSelaras(ctx.storage, { redis }));
      targets.push(await startReference());
      const [first, second, reference] = targets;
      ctx.progress(`cross-instance: writer on instance 1, ${READERS} readers on instance 2`);
      const sessions = await Promise.all([
        openSession(first, ctx, READERS + 1, second),
        openSession(first, ctx, READERS + 1),
        openSession(reference, ctx, READERS + 1),
      ]);
      const [across, alone, ref] = await typeInTurn(sessions, ROUNDS);
      const rows = (where: string, selaras: number[], reference?: number[]) =>
        [50, 95, 99].map((p): ResultRow => ({
          scenario: scenario(where),
          measure: `p${p} latency`,
          selaras: ms(percentile(selaras, p)),
          reference: reference ? ms(percentile(reference, p)) : 'n/a (one instance only)',
        }));
      return [
        ...rows('on instance 2, writer on 1', across),
        ...rows('and writer on instance 1 (Redis on)', alone, ref),
      ];
    } finally {
      await Promise.all(targets.map((t) => t.stop()));
    }
  },
};

/** Whether a Redis server answers at `url` within a second. */
async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
