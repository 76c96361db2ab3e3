import path from 'node:path';
import express from 'express';
import type { AppContext } from './context';
import { requireAuth } from './middleware/auth';
import { errorHandler, unknownPage, unknownRoute } from './middleware/errors';
import { requestLog } from './middleware/requestLog';
import { securityHeaders } from './middleware/security';
import { authRoutes } from './routes/auth';
import { accountRoutes } from './routes/accounts';
import { documentRoutes } from './routes/documents';
import { operationRoutes } from './routes/operations';
import { eventRoutes } from './routes/events';
import { revisionRoutes } from './routes/revisions';
import { signoffRoutes } from './routes/signoffs';
import { commentRoutes } from './routes/comments';
import { exportRoutes } from './routes/exports';
import { importRoutes } from './routes/imports';
import { responseRoutes } from './routes/responses';
import { inboxRoutes } from './routes/inbox';
import { meetingRoutes } from './routes/meetings';
import { partyRoutes } from './routes/parties';
import { tierRoutes } from './routes/tiers';
import { noStore } from './middleware/security';
import { SessionWatch } from '../accounts/sessionWatch';
import { ConnectionCap, MAX_EVENT_STREAMS_PER_USER } from '../accounts/connectionCap';

/** Where the built web client lives. */
export const CLIENT_DIST = path.resolve(__dirname, '../../dist/client');

/** The largest JSON body accepted (a plain-text draft fits with room to spare). */
export const JSON_LIMIT = '2mb';

/** Builds the Express app: API under `/api`, operations, then the web client. */
export function createApp(ctx: AppContext, extraApi: ((ctx: AppContext) => express.Router)[] = []) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestLog(ctx.log));
  app.use(securityHeaders);
  app.use(operationRoutes(ctx));

  const streams = {
    sessions: new SessionWatch(ctx.db, ctx.config.sessionCheckMs, (error) =>
      // Storage outages are handled elsewhere; the streams stay until a check succeeds.
      ctx.log.warn({ err: error }, 'checking event stream sessions failed'),
    ),
    cap: new ConnectionCap(MAX_EVENT_STREAMS_PER_USER),
  };

  const api = express.Router();
  api.use(noStore);
  api.use(express.json({ limit: JSON_LIMIT }));
  const auth = authRoutes(ctx, streams.sessions);
  api.use(auth.publicRouter);
  api.use(requireAuth(ctx.db));
  api.use(auth.router);
  api.use(accountRoutes(ctx, streams.sessions));
  api.use(importRoutes(ctx));
  api.use(documentRoutes(ctx));
  api.use(eventRoutes(ctx, streams));
  api.use(revisionRoutes(ctx));
  api.use(signoffRoutes(ctx));
  api.use(commentRoutes(ctx));
  api.use(responseRoutes(ctx));
  api.use(exportRoutes(ctx));
  api.use(inboxRoutes(ctx));
  api.use(meetingRoutes(ctx));
  api.use(partyRoutes(ctx));
  api.use(tierRoutes(ctx));
  for (const routes of extraApi) api.use(routes(ctx));
  api.use(unknownRoute);
  app.use('/api', api);

  app.use(express.static(CLIENT_DIST, { index: false, maxAge: '1h' }));
  // The client routes itself: `/`, `/documents/:id`, a revision's reading view and the
  // administration page serve its page; any other page a browser asks for is its "not found".
  app.get(['/', '/documents/:id', '/documents/:id/revisions/:n', '/admin'], (_req, res, next) => {
    res.sendFile(path.join(CLIENT_DIST, 'index.html'), (err) => err && next());
  });
  app.use(unknownPage(path.join(CLIENT_DIST, 'index.html')));
  app.use(errorHandler(ctx.log));
  return app;
}
