import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { Limits } from './protocol';
import { CloseCode } from '../../shared/closeCodes';
import { TokenBucket } from './rateLimit';
import type { Room, RoomPeer, RoomSocket } from './room';

// A peer that does not finish the closing handshake is cut off after this long.
const CLOSE_GRACE_MS = 5_000;

/** What a connection reports to the collaboration server. */
export interface ConnectionHooks {
  /** The socket is closed and has left its room. */
  closed(connection: Connection): void;
  /** The socket reported an error (it closes right after). */
  error(connection: Connection, error: Error): void;
}

/**
 * One WebSocket in one room: the adapter between `ws` and `RoomSocket`. It refuses text
 * frames, enforces the message rate, drops readers that fall too far behind and answers the
 * heartbeat; the room never sees any of that.
 */
export class Connection implements RoomSocket {
  /** Whether a pong (or any frame) arrived since the last heartbeat. */
  alive = true;
  private readonly bucket: TokenBucket;
  private closing = false;
  private closeCode = 0;
  /** Whether frames sent this tick are held in the socket for one write at the end of the tick. */
  private corked = false;

  constructor(
    private readonly ws: WebSocket,
    /** The room this connection is in. */
    readonly room: Room,
    /** Who is connected. */
    readonly peer: RoomPeer,
    private readonly limits: Limits,
    private readonly hooks: ConnectionHooks,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => hooks.error(this, error));
    ws.on('close', () => {
      room.leave(this);
      hooks.closed(this);
    });
  }

  /**
   * Sends a frame unless the socket is closing; a reader too far behind is dropped. Frames sent
   * to one socket within a tick (a burst of updates read from one chunk, a sync answer and the
   * awareness after it) stay separate WebSocket messages, in order, but leave in one write: the
   * TCP socket is corked at the first and uncorked once the tick's work is done, so the kernel
   * sees one writev instead of one per frame, which was the largest cost of fan-out.
   */
  send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCode.policyViolation, 'too slow');
      return;
    }
    this.cork();
    this.ws.send(frame);
  }

  private cork(): void {
    if (this.corked) return;
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
    if (!socket || socket.destroyed) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  /** Starts the closing handshake, cutting the socket off if the peer does not complete it. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.closeCode = code;
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** One heartbeat: drops the socket if the last ping went unanswered, else pings again. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    // Told to go away at shutdown, a client is still heard until its socket closes: what it sent
    // before the closing handshake is applied and stored. Any other close stops listening.
    if (this.closing && this.closeCode !== CloseCode.goingAway) return;
    this.alive = true;
    if (!isBinary) return this.close(CloseCode.unsupportedData, 'binary frames only');
    if (!this.bucket.take()) return this.close(CloseCode.policyViolation, 'rate limit exceeded');
    this.room.receive(this, toBytes(data));
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
