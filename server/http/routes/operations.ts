import { Router } from 'express';
import type { AppContext } from '../context';

/**
 * `/healthz` (is the database answering? with REDIS_URL also `redis`: is Redis reachable; an
 * instance without it still serves its own clients, so it stays 200) and `/metrics`.
 */
export function operationRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await ctx.db.query('SELECT 1');
      res.json(ctx.redisReady ? { ok: true, redis: ctx.redisReady() } : { ok: true });
    } catch {
      res
        .status(503)
        .json({ ok: false, error: { code: 'unavailable', message: 'Basis data tidak menjawab.' } });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  return router;
}
