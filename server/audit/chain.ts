import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers. */
export interface AuditEventBody {
  seq: number;
  at: string;
  actorId: string | null;
  kind: string;
  data: unknown;
}

/** JSON with object keys sorted at every depth, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** SHA-256 (hex) of the previous event's hash followed by this event's canonical JSON. */
export function chainHash(previousHash: string, event: AuditEventBody): string {
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalJson(event))
    .digest('hex');
}

/** The hash that stands before the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);
