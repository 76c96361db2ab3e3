import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from '../db';
import { sessionCookie } from '../../shared/session';
import { toActor, type Actor } from './present';
import { findSessionUser } from './queries';
import { sessionCacheOf } from './sessionCache';
import { hashToken } from './tokens';

/** A session token a request carried, and whether it came in the cookie. */
export interface SessionToken {
  token: string;
  /** A cookie travels with cross-site requests too, so its callers check the origin or CSRF header. */
  viaCookie: boolean;
}

/** A live session: who is signed in, and the hash its token is stored and watched under. */
export interface Session {
  actor: Actor;
  hash: string;
}

/**
 * The session token of a request: `explicit` (an API call's `Authorization: Bearer`, a socket's
 * `?token=`) when given, else the session cookie. The one reader of the cookie, for the HTTP
 * API and the collaboration socket alike.
 */
export function sessionToken(
  headers: IncomingHttpHeaders,
  explicit?: string | null,
): SessionToken | undefined {
  if (explicit) return { token: explicit, viaCookie: false };
  const cookie = sessionCookie(headers.cookie);
  return cookie ? { token: cookie, viaCookie: true } : undefined;
}

/**
 * The session of a token if it is live (not signed out, not expired), else undefined; a session
 * read in the last second comes from the session cache (sessionCache.ts says when it forgets).
 */
export async function sessionActor(db: Db, token: string): Promise<Session | undefined> {
  if (!token || token.length > 200) return undefined;
  const hash = hashToken(token);
  const cache = sessionCacheOf(db);
  const cached = cache.get(hash);
  if (cached) return { actor: cached, hash };
  const mark = cache.mark();
  const row = await findSessionUser(db, hash);
  if (!row) return undefined;
  const actor = toActor(row);
  cache.remember(hash, actor, row.expires_at, mark);
  return { actor, hash };
}
