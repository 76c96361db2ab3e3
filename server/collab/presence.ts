import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AWARENESS_QUERY_INTERVAL_MS, MAX_AWARENESS_STATE_BYTES } from './protocol';

/**
 * Presence: what one connection may publish in the awareness every other user sees. A
 * connection speaks for one awareness client id (the first free one it announces), each state
 * is at most `MAX_AWARENESS_STATE_BYTES` of JSON, and the name and agency in its `user` field
 * are the session's, whatever the client wrote. Pure: the room supplies who holds which id.
 */

/** Who the server says a connection is; written into the `user` field of its awareness state. */
export interface PresenceIdentity {
  name: string;
  /** The agency's code, as the web client shows it beside the name (client/editor/cursors.ts). */
  agency: string;
}

/** What presence remembers of one connection. */
export interface ConnectionPresence {
  /** The awareness client id the connection speaks for; undefined until it claims one. */
  clientId: number | undefined;
  /** When (ms) its last query-awareness was answered. */
  lastQueryAt: number;
}

/** A fresh connection's presence: no client id yet, and its first query will be answered. */
export function newConnectionPresence(): ConnectionPresence {
  return { clientId: undefined, lastQueryAt: -Infinity };
}

/**
 * Who holds an awareness client id, seen from the connection asking: `free` (nobody), `mine`
 * (this connection), `same-user` (another connection of the same user, e.g. a reconnect whose
 * old socket has not yet been noticed as gone) or `taken` (anyone else, on any instance).
 */
export type ClientIdHolder = 'free' | 'mine' | 'same-user' | 'taken';

/** The outcome of screening one awareness update from a connection. */
export interface ScreenedAwareness {
  /** The update to apply, re-encoded with only the connection's own state; null when nothing is left. */
  update: Uint8Array | null;
  /** A client id the connection has just claimed (the caller records it as held by the connection). */
  claimed: number | undefined;
  /** How many entries were dropped: other client ids, oversized or non-object states. */
  dropped: number;
}

interface Entry {
  clientId: number;
  clock: number;
  json: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Screens an awareness update (y-protocols encoding) from one connection. Keeps only entries for
 * the connection's client id, claiming the first one it announces that nobody else holds; an id
 * that is taken is not claimed, so the connection can claim a free one later. States over the
 * size cap are dropped unparsed; the kept state's `user.name` and `user.agency` are replaced by
 * `identity` (`user.color` is kept; other `user` fields go). Throws on a malformed update.
 */
export function screenAwareness(
  update: Uint8Array,
  presence: ConnectionPresence,
  identity: PresenceIdentity,
  holderOf: (clientId: number) => ClientIdHolder,
): ScreenedAwareness {
  const entries = readEntries(update);
  const kept: { clientId: number; clock: number; json: string }[] = [];
  let claimed: number | undefined;
  let dropped = 0;
  for (const entry of entries) {
    if (presence.clientId === undefined) {
      const holder = holderOf(entry.clientId);
      if (holder === 'free' || holder === 'same-user' || holder === 'mine') {
        presence.clientId = entry.clientId;
        claimed = entry.clientId;
      }
    }
    const json = entry.clientId === presence.clientId ? stateJson(entry.json, identity) : null;
    if (json === null) {
      dropped++;
      continue;
    }
    kept.push({ clientId: entry.clientId, clock: entry.clock, json });
  }
  if (kept.length === 0) return { update: null, claimed, dropped };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return { update: encoding.toUint8Array(encoder), claimed, dropped };
}

/**
 * Whether a query-awareness from the connection is answered now; at most one per
 * `AWARENESS_QUERY_INTERVAL_MS`, since each answer carries every state in the room.
 */
export function answerQuery(presence: ConnectionPresence, now: number): boolean {
  if (now - presence.lastQueryAt < AWARENESS_QUERY_INTERVAL_MS) return false;
  presence.lastQueryAt = now;
  return true;
}

function readEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // The same bytes as a varstring, read raw so an oversized state is never decoded or parsed.
    const json = decoding.readVarUint8Array(decoder);
    entries.push({ clientId, clock, json });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  return entries;
}

/** The state as it will be relayed, or null when it is dropped. */
function stateJson(bytes: Uint8Array, identity: PresenceIdentity): string | null {
  if (bytes.byteLength > MAX_AWARENESS_STATE_BYTES) return null;
  const state: unknown = JSON.parse(utf8.decode(bytes));
  // null is the client taking its state away (leaving); it carries nothing to rewrite.
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state)) return null;
  const claimedUser: unknown = (state as Record<string, unknown>).user;
  const color =
    typeof claimedUser === 'object' && claimedUser !== null
      ? (claimedUser as Record<string, unknown>).color
      : undefined;
  const user: Record<string, unknown> = { name: identity.name, agency: identity.agency };
  if (typeof color === 'string') user.color = color;
  return JSON.stringify({ ...state, user });
}
