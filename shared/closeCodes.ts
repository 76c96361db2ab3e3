/**
 * WebSocket close codes of the collaboration socket (RFC 6455 §7.4.1), used by the server that
 * closes and the web client that reacts. The stock y-websocket client reconnects after every
 * code outside 4400–4499, so only `sessionEnded` is final for it.
 */
export const CloseCode = {
  /** The client left, or the connection was closed without error. */
  normal: 1000,
  /** The server is shutting down; the client reconnects to another instance or later. */
  goingAway: 1001,
  /** A text frame, or a message type the protocol does not know. */
  unsupportedData: 1003,
  /** A message that could not be decoded; nothing of it was applied. */
  invalidPayload: 1007,
  /** The connection broke a limit: too many messages, or too slow to read what it is sent. */
  policyViolation: 1008,
  /** A message larger than the server's largest frame; nothing of it was applied. */
  messageTooBig: 1009,
  /** The server failed while handling the connection. */
  internalError: 1011,
  /**
   * The session behind the socket was signed out or expired. In the 4400–4499 range, so the
   * stock client stops reconnecting (a reconnect would only be refused with 401).
   */
  sessionEnded: 4401,
} as const;

/** One of the close codes above. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
