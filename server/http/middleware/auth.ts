import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db';
import { authenticate } from '../../accounts/accounts';
import type { Actor } from '../../accounts/present';
import { forbidden, unauthenticated } from '../../errors';

/** The cookie the browser client's session travels in. */
export const SESSION_COOKIE = 'selaras_session';
/** The header a cookie-authenticated state change must carry (a cross-site form cannot set it). */
export const CSRF_HEADER = 'x-selaras-csrf';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    token?: string;
  }
}

/** The session token of a request: `Authorization: Bearer`, else the session cookie. */
export function tokenOf(req: Request): { token: string; viaCookie: boolean } | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), viaCookie: false };
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie ? { token: cookie, viaCookie: true } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Requires a live session; sets `req.actor`. Cookie sessions must also carry the CSRF header to change state. */
export function requireAuth(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const found = tokenOf(req);
    const actor = found && (await authenticate(db, found.token));
    if (!found || !actor) throw unauthenticated();
    if (found.viaCookie && !SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== '1') {
      throw forbidden('Permintaan ditolak: header anti-CSRF tidak ada.');
    }
    req.actor = actor;
    req.token = found.token;
    next();
  };
}

/** The signed-in actor of a request that passed `requireAuth`. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
