import type { RequestHandler } from 'express';
import { tooManyRequests } from '../../errors';

/** A rate: `burst` requests at once, refilled at `perMinute`. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/** Callers tracked at most; beyond it, callers whose bucket has refilled are forgotten first. */
export const MAX_TRACKED_KEYS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets kept in memory, one per key (an IP address). Each instance of the server keeps its
 * own, so behind N instances a caller gets N times the rate: the limit is against brute force
 * from one address, not an exact quota.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const tokens = bucket.tokens + ((now - bucket.at) / 60_000) * this.limit.perMinute;
    return { tokens: Math.min(this.limit.burst, tokens), at: now };
  }

  /** Takes a token for `key`; false when it has none left. */
  take(key: string): boolean {
    const bucket = this.refilled(key);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.forgetIfFull();
    return true;
  }

  /** Gives back a token taken for a request that turned out fine. */
  refund(key: string): void {
    const bucket = this.refilled(key);
    this.buckets.set(key, { ...bucket, tokens: Math.min(this.limit.burst, bucket.tokens + 1) });
  }

  /** Seconds until `key` has a token again. */
  retryAfterSeconds(key: string): number {
    const missing = 1 - this.refilled(key).tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.limit.perMinute) * 60);
  }

  private forgetIfFull(): void {
    if (this.buckets.size <= MAX_TRACKED_KEYS) return;
    for (const key of this.buckets.keys()) {
      if (this.refilled(key).tokens >= this.limit.burst) this.buckets.delete(key);
    }
    // Still too many: drop the least recently used (a Map iterates in insertion order).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_TRACKED_KEYS) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * Limits login attempts per client IP (`req.ip`, which honours X-Forwarded-For only from a proxy
 * on loopback). Every attempt takes a token before the password is hashed, so parallel attempts
 * are bounded too; a successful login gives its token back, so many colleagues behind one office
 * NAT can sign in while a password sprayer from one address gets 429 with Retry-After.
 */
export function loginRateLimit(limit: RateLimit, now: () => number = Date.now): RequestHandler {
  const buckets = new KeyedBuckets(limit, now);
  return (req, res, next) => {
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (!buckets.take(key)) {
      res.setHeader('Retry-After', String(buckets.retryAfterSeconds(key)));
      throw tooManyRequests('Terlalu banyak percobaan masuk dari alamat ini. Coba lagi nanti.');
    }
    res.on('finish', () => {
      if (res.statusCode < 300) buckets.refund(key);
    });
    next();
  };
}
