/** WebSocket connections (collaboration) one user may hold open on one instance. */
export const MAX_SOCKETS_PER_USER = 20;
/** Event streams (`/api/documents/:id/events`) one user may hold open on one instance. */
export const MAX_EVENT_STREAMS_PER_USER = 10;

/**
 * Counts a kind of long-lived connection per user and refuses one past `max`, so one account
 * (or one stolen token) cannot hold thousands of sockets and the memory behind them. Counts are
 * per instance; behind N instances a user may hold N times as many.
 */
export class ConnectionCap {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a place for the user; the returned release (safe to call twice), or undefined at the cap. */
  take(userId: string): (() => void) | undefined {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.max) return undefined;
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  /** How many places the user holds. */
  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
