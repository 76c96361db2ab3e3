import { Router } from 'express';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';

// A comment line every so often keeps proxies from closing an idle stream.
const KEEPALIVE_MS = 25_000;

/** `GET /api/documents/:id/events`: server-sent events for one document (comments, sign-offs, ...). */
export function eventRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/documents/:id/events', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': selaras\n\n');
    const unsubscribe = ctx.events.subscribe(doc.id, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    req.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  });

  return router;
}
