import { Router } from 'express';
import { hashToken } from '../../accounts/tokens';
import type { ConnectionCap } from '../../accounts/connectionCap';
import type { SessionWatch } from '../../accounts/sessionWatch';
import { AppError } from '../../errors';
import type { AppContext } from '../context';
import { actorOf } from '../middleware/auth';
import { visibleDocument } from './documents';

// A comment line every so often keeps proxies from closing an idle stream.
const KEEPALIVE_MS = 25_000;

/** The event that tells a client its stream ends because its session did (it then gets 401). */
export const SESSION_ENDED_EVENT = 'session.ended';

/** What the event streams share with the rest of the app. */
export interface EventStreams {
  /** Ends a stream when its session is signed out or expires. */
  sessions: SessionWatch;
  /** Open streams per user. */
  cap: ConnectionCap;
}

/** `GET /api/documents/:id/events`: server-sent events for one document (comments, sign-offs, ...). */
export function eventRoutes(ctx: AppContext, streams: EventStreams) {
  const router = Router();

  router.get('/documents/:id/events', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const actor = actorOf(req);
    const release = streams.cap.take(actor.id);
    if (!release)
      throw new AppError(
        'too_many_requests',
        `Terlalu banyak aliran peristiwa terbuka untuk pengguna ini (paling banyak ${streams.cap.max}). Tutup tab lain lalu coba lagi.`,
        { retryAfterSeconds: 30 },
      );
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': selaras\n\n');
    const unsubscribe = ctx.events.subscribe(doc.id, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    const stop = () => {
      clearInterval(keepalive);
      unsubscribe();
      unwatch();
      release();
    };
    // Nothing is written after the session ends: the subscription goes before the goodbye.
    const unwatch = streams.sessions.watch(hashToken(req.token!), () => {
      stop();
      res.end(`event: ${SESSION_ENDED_EVENT}\ndata: {}\n\n`);
    });
    res.on('close', stop);
  });

  return router;
}
