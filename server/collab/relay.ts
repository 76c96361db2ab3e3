import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Bus } from '../events/bus';
import type { Logger } from '../log';
import { readRelayMessage, writeRelayMessage, type RelayMessage } from './relayMessages';
import type { Room } from './room';

/** Stores an update on behalf of an instance that died before it could (see `DocumentRelay`). */
export type StoreUpdate = (update: Uint8Array, userId: string | null) => void;

/** One open document's link to the other instances that have it open. */
export interface DocumentRelay {
  /** Starts relaying into `room`: applies what arrived while it loaded, then catches up with the others. */
  attach(room: Room): Promise<void>;
  /** Publishes an update this instance applied (from its client or itself) and queued for storage. */
  published(update: Uint8Array, userId: string | null): void;
  /** Publishes an awareness change of this instance's connections. */
  awareness(update: Uint8Array): void;
  /** `count` more of the document's queued updates were stored (or dropped), in queue order. */
  stored(count: number): void;
  /** Before unloading: waits (briefly) until every relayed update is known stored by someone. */
  settle(): Promise<void>;
  /** Stops relaying; the document is unloading. */
  close(): void;
}

/** Opens document relays; one per instance. */
export interface Relay {
  /** Subscribes to a document's channel; `store` queues an update for storage here. */
  open(documentId: string, store: StoreUpdate): Promise<DocumentRelay>;
  /** Stops the background sweep. */
  close(): void;
}

const NO_DOCUMENT_RELAY: DocumentRelay = {
  attach: async () => undefined,
  published: () => undefined,
  awareness: () => undefined,
  stored: () => undefined,
  settle: async () => undefined,
  close: () => undefined,
};

/** The relay of a single instance: nothing to tell anyone. */
export const noRelay: Relay = {
  open: async () => NO_DOCUMENT_RELAY,
  close: () => undefined,
};

/** How the Redis relay behaves; tests shorten the waits. */
export interface RelayOptions {
  log: Logger;
  /** How long a newly opened document waits for the other instances' catch-up answers. */
  catchUpMs?: number;
  /** How old a relayed, unacknowledged update must be before its sender's death is checked. */
  takeoverAfterMs?: number;
  /** The longest an unloading document waits for relayed updates to be acknowledged. */
  settleMs?: number;
}

const SWEEP_MS = 500;
const CLAIM_TTL_MS = 10 * 60_000;

/**
 * Document updates and awareness over Redis pub/sub, one channel per document, subscribed
 * while the document is open here. Each instance publishes only what it applied itself and
 * stores only that; what it receives it applies in memory and relays to its own clients.
 * Should a sender die before storing an update it published, the survivors notice (no
 * `stored` acknowledgement, and its liveness key expired) and one of them stores it.
 */
export function redisRelay(bus: Bus, options: RelayOptions): Relay {
  const open = new Set<RedisDocumentRelay>();
  const settings = {
    catchUpMs: options.catchUpMs ?? 300,
    takeoverAfterMs: options.takeoverAfterMs ?? 1_500,
    settleMs: options.settleMs ?? 5_000,
  };
  const sequence = { next: 0 };
  const sweep = setInterval(() => {
    for (const relay of open) void relay.sweep(false);
  }, SWEEP_MS);
  sweep.unref();
  const stopResync = bus.onReconnect(() => {
    for (const relay of open) relay.hello();
  });
  return {
    async open(documentId, store) {
      const relay = new RedisDocumentRelay(bus, documentId, store, settings, sequence, options.log);
      await relay.subscribe();
      open.add(relay);
      relay.onClose = () => open.delete(relay);
      return relay;
    },
    close() {
      clearInterval(sweep);
      stopResync();
    },
  };
}

interface Unacknowledged {
  update: Uint8Array;
  userId: string | null;
  at: number;
}

interface Sender {
  /** The highest of its sequence numbers it said are stored. */
  acknowledged: number;
  waiting: Map<number, Unacknowledged>;
}

class RedisDocumentRelay implements DocumentRelay {
  onClose: () => void = () => undefined;
  private room: Room | undefined;
  private buffered: RelayMessage[] = [];
  /** The sequence numbers of this instance's queued updates, 0 for those stored on behalf of others. */
  private readonly queued: number[] = [];
  private readonly senders = new Map<string, Sender>();
  private readonly answered = new Set<string>();
  private answeredChanged: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private sweeping = false;
  private readonly channel: string;
  private readonly me: string;

  constructor(
    private readonly bus: Bus,
    private readonly documentId: string,
    private readonly store: StoreUpdate,
    private readonly settings: { catchUpMs: number; takeoverAfterMs: number; settleMs: number },
    private readonly sequence: { next: number },
    private readonly log: Logger,
  ) {
    this.channel = bus.name(`doc:${documentId}`);
    this.me = bus.instanceId;
  }

  async subscribe(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(this.channel, (payload) => {
      const message = readRelayMessage(payload);
      if (!message) return this.log.warn({ documentId: this.documentId }, 'bad relay message');
      if (message.from === this.me) return;
      if (this.room) this.handle(this.room, message);
      else this.buffered.push(message);
    });
  }

  async attach(room: Room): Promise<void> {
    this.room = room;
    for (const message of this.buffered.splice(0)) this.handle(room, message);
    const peers = (await this.bus.subscribers(this.channel).catch(() => 1)) - 1;
    if (peers <= 0) return;
    // Updates others applied but have not stored yet are not in the database we loaded from.
    this.hello();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.settings.catchUpMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.answeredChanged = () => {
        if (this.answered.size >= peers) done();
      };
    });
    this.answeredChanged = undefined;
  }

  /** Asks every other instance for what this one lacks, and tells them who is here. */
  hello(): void {
    if (!this.room) return;
    const stateVector = Y.encodeStateVector(this.room.doc);
    this.send({ kind: 'sync-step-1', from: this.me, to: '', hello: true, stateVector });
    this.sendAwareness(this.room);
  }

  published(update: Uint8Array, userId: string | null): void {
    const seq = ++this.sequence.next;
    this.queued.push(seq);
    this.send({ kind: 'update', from: this.me, seq, userId, update });
  }

  awareness(update: Uint8Array): void {
    this.send({ kind: 'awareness', from: this.me, update });
  }

  stored(count: number): void {
    let highest = 0;
    for (const seq of this.queued.splice(0, count)) highest = Math.max(highest, seq);
    if (highest > 0) this.send({ kind: 'stored', from: this.me, origin: this.me, seq: highest });
  }

  async settle(): Promise<void> {
    const deadline = Date.now() + this.settings.settleMs;
    for (;;) {
      await this.sweep(true);
      if (!this.hasWaiting() || Date.now() >= deadline) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    this.unsubscribe?.();
    this.senders.clear();
    this.room = undefined;
    this.onClose();
  }

  /** Stores relayed updates whose sender died without acknowledging them; `all` ignores their age. */
  async sweep(all: boolean): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const cutoff = all ? Infinity : Date.now() - this.settings.takeoverAfterMs;
      for (const [origin, sender] of this.senders) {
        const due = [...sender.waiting].filter(([, u]) => u.at <= cutoff);
        if (due.length === 0 || (await this.bus.alive(origin))) continue;
        for (const [seq, unacknowledged] of due) {
          sender.waiting.delete(seq);
          sender.acknowledged = Math.max(sender.acknowledged, seq);
          // Every survivor that holds it tries; the claim lets one of them store it.
          const key = this.bus.name(`takeover:${this.documentId}:${origin}:${seq}`);
          if (!(await this.bus.claim(key, CLAIM_TTL_MS))) continue;
          this.queued.push(0);
          this.store(unacknowledged.update, unacknowledged.userId);
        }
        this.log.warn(
          { documentId: this.documentId, origin, updates: due.length },
          'an instance died before storing relayed updates; stored them here',
        );
      }
    } catch (error) {
      this.log.warn({ err: error, documentId: this.documentId }, 'relay sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private hasWaiting(): boolean {
    for (const sender of this.senders.values()) if (sender.waiting.size > 0) return true;
    return false;
  }

  private handle(room: Room, message: RelayMessage): void {
    switch (message.kind) {
      case 'update': {
        room.applyRemote(message.update);
        const sender = this.sender(message.from);
        if (message.seq > sender.acknowledged) {
          const { update, userId } = message;
          sender.waiting.set(message.seq, { update, userId, at: Date.now() });
        }
        return;
      }
      case 'awareness':
        room.applyRemoteAwareness(message.update);
        return;
      case 'sync-step-1': {
        if (message.to !== '' && message.to !== this.me) return;
        const update = Y.encodeStateAsUpdate(room.doc, message.stateVector);
        this.send({ kind: 'sync-step-2', from: this.me, to: message.from, update });
        if (message.hello) {
          const stateVector = Y.encodeStateVector(room.doc);
          this.send({
            kind: 'sync-step-1',
            from: this.me,
            to: message.from,
            hello: false,
            stateVector,
          });
          this.sendAwareness(room);
        }
        return;
      }
      case 'sync-step-2':
        if (message.to !== this.me) return;
        room.applyRemote(message.update);
        this.answered.add(message.from);
        this.answeredChanged?.();
        return;
      case 'stored': {
        const sender = this.sender(message.origin);
        sender.acknowledged = Math.max(sender.acknowledged, message.seq);
        for (const seq of sender.waiting.keys()) if (seq <= message.seq) sender.waiting.delete(seq);
        return;
      }
    }
  }

  private sender(id: string): Sender {
    let sender = this.senders.get(id);
    if (!sender) {
      sender = { acknowledged: 0, waiting: new Map() };
      this.senders.set(id, sender);
    }
    return sender;
  }

  private sendAwareness(room: Room): void {
    const ids = [...room.awareness.getStates().keys()];
    if (ids.length === 0) return;
    this.awareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids));
  }

  private send(message: RelayMessage): void {
    this.bus.publish(this.channel, writeRelayMessage(message));
  }
}
