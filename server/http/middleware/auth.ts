import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db';
import type { Actor } from '../../accounts/present';
import { sessionActor, sessionToken, type SessionToken } from '../../accounts/sessions';
import { forbidden, unauthenticated } from '../../errors';
import { CSRF_HEADER } from '../../../shared/session';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    token?: string;
  }
}

/** The session token of a request: `Authorization: Bearer`, else the session cookie. */
export function tokenOf(req: Request): SessionToken | undefined {
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return sessionToken(req.headers, bearer);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requires a live session; sets `req.actor`. Cookie sessions must also carry the CSRF header to change state. */
export function requireAuth(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = tokenOf(req);
    const session = found && (await sessionActor(db, found.token));
    if (!found || !session) throw unauthenticated();
    if (found.viaCookie && !SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== '1') {
      throw forbidden('Permintaan ditolak: header anti-CSRF tidak ada.');
    }
    req.actor = session.actor;
    req.token = found.token;
    next();
  };
}

/** The signed-in actor of a request that passed `requireAuth`. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
