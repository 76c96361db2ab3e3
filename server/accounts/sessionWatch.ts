import type { Queryable } from '../db';
import { liveSessionHashes } from './queries';

interface Watched {
  session: string;
  end: () => void;
}

/**
 * Ends long-lived connections (event streams, collaboration sockets) when the session they were
 * opened with ends. A sign-out on this instance ends them at once (`sessionEnded`); a sign-out
 * on another instance, or an expiry, is found by the periodic check (one indexed query per
 * interval for all watched connections).
 */
export class SessionWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Queryable,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Calls `end` once when the session (a token hash) ends; the returned function stops watching. */
  watch(session: string, end: () => void): () => void {
    const entry: Watched = { session, end };
    this.watched.add(entry);
    // The timer runs only while something is watched, so an idle server does no queries.
    this.timer ??= setInterval(() => void this.check().catch(this.onError), this.intervalMs);
    this.timer.unref();
    return () => this.forget(entry);
  }

  /** Ends, at once, every connection opened with this session (it was signed out here). */
  sessionEnded(session: string): void {
    for (const entry of [...this.watched]) if (entry.session === session) this.finish(entry);
  }

  /** Ends every connection whose session was signed out or has expired since it was opened. */
  async check(): Promise<void> {
    if (this.watched.size === 0) return;
    const live = await liveSessionHashes(this.db, [
      ...new Set([...this.watched].map((w) => w.session)),
    ]);
    for (const entry of [...this.watched]) if (!live.has(entry.session)) this.finish(entry);
  }

  /** Stops the periodic check and ends nothing (shutdown closes the connections itself). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private finish(entry: Watched): void {
    if (!this.forget(entry)) return;
    entry.end();
  }

  private forget(entry: Watched): boolean {
    const had = this.watched.delete(entry);
    if (this.watched.size === 0) this.stop();
    return had;
  }
}
