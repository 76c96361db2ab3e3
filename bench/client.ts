import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE } from '../server/collab/protocol';
import { writeUpdate } from '../server/collab/messages';

/**
 * A lean y-websocket client for measuring servers: it speaks the sync protocol by hand, so
 * hundreds of them fit in one process. With a `doc` it applies what it receives; without,
 * it only timestamps update frames.
 */
export class BenchClient {
  /** Called with the arrival time (performance.now()) and the update of every update frame. */
  onUpdate: ((at: number, update: Uint8Array) => void) | undefined;
  /** Called after the client's doc changed from a received frame. */
  onApplied: (() => void) | undefined;
  /** Whether the server's sync step 2 has arrived. */
  synced = false;
  /** The socket failed, or the server closed it. */
  failed = false;
  /** Why the server closed it (code and reason), when it did. */
  closedWith: string | undefined;
  private closing = false;

  private constructor(
    private readonly ws: WebSocket,
    /** The client's copy of the document, when it keeps one. */
    readonly doc: Y.Doc | undefined,
  ) {
    ws.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    );
    ws.on('error', () => (this.failed = true));
    ws.on('close', (code: number, reason: Buffer) => {
      if (!this.closing) this.failed = true;
      this.closedWith = `${code} ${reason.toString()}`;
    });
  }

  /**
   * Connects and sends sync step 1: for the whole document when it keeps a doc, else from
   * `stateVector` (a client typing into a copy of its own that it does not keep here).
   */
  static connect(
    url: string,
    options: { doc?: Y.Doc; stateVector?: Uint8Array } = {},
  ): Promise<BenchClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const client = new BenchClient(ws, options.doc);
      ws.once('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        encoding.writeVarUint(encoder, SYNC_STEP_1);
        encoding.writeVarUint8Array(
          encoder,
          options.doc
            ? Y.encodeStateVector(options.doc)
            : (options.stateVector ?? new Uint8Array([0])),
        );
        ws.send(encoding.toUint8Array(encoder));
        resolve(client);
      });
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });
  }

  /** Sends a document update. */
  sendUpdate(update: Uint8Array): void {
    this.ws.send(writeUpdate(update));
  }

  /** Whether the socket is open. */
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Closes the socket and waits until it is closed. */
  close(): Promise<void> {
    this.closing = true;
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private receive(frame: Uint8Array): void {
    const at = performance.now();
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP_1) {
      // Answer the server's step 1 as the stock client does (with nothing, when there is no doc).
      const vector = decoding.readVarUint8Array(decoder);
      const answer = this.doc ? Y.encodeStateAsUpdate(this.doc, vector) : new Uint8Array([0, 0]);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_STEP_2);
      encoding.writeVarUint8Array(encoder, answer);
      this.ws.send(encoding.toUint8Array(encoder));
      return;
    }
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return;
    if (step === SYNC_STEP_2) this.synced = true;
    const update = decoding.readVarUint8Array(decoder);
    if (step === SYNC_UPDATE) this.onUpdate?.(at, update);
    if (this.doc) {
      Y.applyUpdate(this.doc, update, this);
      this.onApplied?.();
    }
  }
}

/** Waits until `check` holds, polling every few milliseconds. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
