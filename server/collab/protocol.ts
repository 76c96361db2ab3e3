/**
 * The collaboration protocol: y-websocket framing over one binary WebSocket per document.
 *
 * Every frame is one message: a varuint message type followed by its body.
 *
 * | type | name             | body                                                        |
 * | ---- | ---------------- | ----------------------------------------------------------- |
 * | 0    | sync             | a y-protocols sync message: step 1 (state vector), step 2   |
 * |      |                  | (the missing update) or update; each a varuint sub-type     |
 * |      |                  | followed by a varuint8array                                 |
 * | 1    | awareness        | a varuint8array holding a y-protocols awareness update      |
 * | 2    | auth             | server → client only: varuint 0 (permission denied) and a   |
 * |      |                  | varstring reason                                            |
 * | 3    | query awareness  | client → server: asks for every awareness state             |
 *
 * On connect the server sends sync step 1 and the awareness states it holds; the client
 * answers with sync step 2 and sends its own step 1, which the server answers with step 2.
 * After that both sides send updates. A client that may not change the text still syncs and
 * receives everything; the updates it sends are dropped and it is told once with an auth
 * message, after which the connection stays open, read-only.
 */

/** Message type: a y-protocols sync message (step 1, step 2 or update). */
export const MESSAGE_SYNC = 0;
/** Message type: a y-protocols awareness update (cursors, names, colours). */
export const MESSAGE_AWARENESS = 1;
/** Message type: a y-protocols auth message; the server only sends "permission denied". */
export const MESSAGE_AUTH = 2;
/** Message type: the client asks for every awareness state the server knows. */
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync sub-type: a state vector; the receiver answers with the update the sender lacks. */
export const SYNC_STEP_1 = 0;
/** Sync sub-type: the answer to step 1, an update. */
export const SYNC_STEP_2 = 1;
/** Sync sub-type: an incremental update. */
export const SYNC_UPDATE = 2;

/** Auth sub-type: the server refused a change; a reason string follows. */
export const AUTH_PERMISSION_DENIED = 0;

/** The permission-denied reasons sent with MESSAGE_AUTH. */
export const DeniedReason = {
  /** The user's role may not change the text. */
  readOnlyRole: 'read-only: only drafters and admins may change the text',
  /** The document is final and its text is locked. */
  final: 'read-only: the document is final',
} as const;

/**
 * The largest awareness state (cursor, name, colour) a connection may publish, in bytes of JSON.
 * The web client's is about 200 bytes; a larger state is dropped and never relayed (closing
 * would only make the stock client reconnect and send it again).
 */
export const MAX_AWARENESS_STATE_BYTES = 2 * 1024;

/**
 * A connection's query-awareness is answered at most once per this many milliseconds; extra
 * queries are ignored. Each answer carries every state in the room, so a query is cheap to send
 * and dear to answer.
 */
export const AWARENESS_QUERY_INTERVAL_MS = 1_000;

/** The limits of the collaboration server; every one of them can be overridden for tests. */
export interface Limits {
  /** The largest frame accepted; a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  /** Messages a connection may send per second on average (token bucket refill rate). */
  messagesPerSecond: number;
  /** Messages a connection may send in one burst (token bucket size). */
  messageBurst: number;
  /** Bytes queued for a slow reader before it is dropped with 1008. */
  maxBufferedBytes: number;
  /** How often every connection is pinged; one missed pong drops it. */
  heartbeatMs: number;
  /** How long after an update is applied the store batch is written, at most. */
  flushDelayMs: number;
  /** The longest wait between retries when storing fails. */
  maxRetryDelayMs: number;
  /** Stored updates past the snapshot that make an open document compact itself. */
  compactThreshold: number;
  /** Stored updates past the snapshot that make a document compact as it unloads. */
  compactOnUnload: number;
  /**
   * How often stored documents are swept for updates left past their snapshot (by a stopped or
   * crashed instance, or written while no room held them) and compacted; 0: never.
   */
  compactSweepMs: number;
  /** Quiet time after which a user's editing session ends and is audited. */
  editSessionIdleMs: number;
  /** How often open sockets' sessions are checked; a signed-out or expired one is closed. */
  sessionCheckMs: number;
}

/** The limits in production. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  // A whole nota kesepakatan is tens of kilobytes; 2 MiB leaves room for a long offline session.
  maxMessageBytes: 2 * 1024 * 1024,
  // Typing sends one update and one awareness message per keystroke: ~30/s for a fast typist.
  messagesPerSecond: 100,
  messageBurst: 300,
  maxBufferedBytes: 16 * 1024 * 1024,
  heartbeatMs: 30_000,
  // Five writes a second at most per instance, and room for a retry well within the one second
  // promised for storage; every write costs the event loop a little latency for the relay.
  flushDelayMs: 200,
  maxRetryDelayMs: 1_000,
  compactThreshold: 500,
  compactOnUnload: 50,
  // One grouped query over the (small, compacted) updates table; the first sweep runs at start.
  compactSweepMs: 30_000,
  editSessionIdleMs: 5 * 60_000,
  // One indexed query per interval for all sockets of the instance.
  sessionCheckMs: 5_000,
});
