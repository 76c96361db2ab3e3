import { Router } from 'express';
import type { AppContext } from '../context';

/** `/healthz` (is the database answering?) and `/metrics` (Prometheus text). */
export function operationRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await ctx.db.query('SELECT 1');
      res.json({ ok: true });
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
