import type { Db } from '../db';
import type { Actor } from './present';

// Every authenticated request (each REST call, each socket) looked its session up in the
// database: under the bench's load one query of every two or three, and on the embedded engine
// all of them wait in one line. A live session read from the database is trusted here for
// SESSION_CACHE_MS. A sign-out, a password change or an account change on this instance forgets
// it at once; on another instance (several behind Redis) the limit forgets it, so a session
// revoked there works here for at most that long (sockets: SessionWatch's interval).

/** How long a live session, once read, is trusted without asking the database again. */
export const SESSION_CACHE_MS = 1_000;
/** Sessions kept at most; past it the oldest goes. */
const MAX_SESSIONS = 10_000;

interface Entry {
  actor: Actor;
  until: number;
}

/** The live sessions recently read, by token hash. */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  // Bumped by every forget: a lookup that began before one must not store what it read.
  private generation = 0;

  constructor(
    private readonly ttlMs = SESSION_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor of a session read less than the limit ago (and not yet expired), if any. */
  get(hash: string): Actor | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.actor;
    this.entries.delete(hash);
    return undefined;
  }

  /** A mark to take before reading a session from the database, for `remember`. */
  mark(): number {
    return this.generation;
  }

  /** Keeps a session read from the database, unless something was forgotten since `mark`. */
  remember(hash: string, actor: Actor, expiresAt: Date, mark: number): void {
    if (mark !== this.generation) return;
    const until = Math.min(this.now() + this.ttlMs, expiresAt.getTime());
    this.entries.delete(hash);
    this.entries.set(hash, { actor, until });
    if (this.entries.size > MAX_SESSIONS) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets these sessions (signed out, or ended by a password change). */
  forget(hashes: Iterable<string>): void {
    this.generation += 1;
    for (const hash of hashes) this.entries.delete(hash);
  }

  /** Forgets every session of a user whose account changed (role, agency, name). */
  forgetUser(userId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries)
      if (entry.actor.id === userId) this.entries.delete(hash);
  }

  /** Forgets every session (an agency changed: its name is in every actor of it). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

// One cache per database handle: each server instance opens its own, and everything that
// changes sessions or accounts holds the same handle.
const caches = new WeakMap<Db, SessionCache>();

/** The session cache of this database handle. */
export function sessionCacheOf(db: Db): SessionCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SessionCache()));
  return cache;
}
