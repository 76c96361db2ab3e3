import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Bus } from '../events/bus';
import type { Logger } from '../log';
import { readRelayMessage, writeRelayMessage, type RelayMessage } from './relayMessages';
import type { UpdateRow } from '../text/store';
import type { Room } from './room';

/** Stores an update on behalf of its instance (see `DocumentRelay`); `done` once it is stored. */
export type StoreUpdate = (row: Omit<UpdateRow, 'documentId'>, done: () => void) => void;

/** What the relay gives an update this instance applied: its relay id, and its acknowledgement. */
export interface RelayTicket {
  /** Stored with the update, so a copy stored by another instance is refused. */
  relayId?: string;
  /** Call once this very update is stored: the others forget it. */
  stored(): void;
}

/** One open document's link to the other instances that have it open. */
export interface DocumentRelay {
  /** Starts relaying into `room`: applies what arrived while it loaded, then catches up with the others. */
  attach(room: Room): Promise<void>;
  /** Publishes an update this instance applied (from its client or itself); store it with the ticket. */
  published(update: Uint8Array, userId: string | null, sessionId?: string): RelayTicket;
  /** Publishes an awareness change of this instance's connections. */
  awareness(update: Uint8Array): void;
  /** Before unloading: queues for storage every relayed update not yet acknowledged. */
  settle(): Promise<void>;
  /** Stops relaying; the document is unloading. */
  close(): void;
}

/** Opens document relays; one per instance. */
export interface Relay {
  /** This instance's id: it owns what it journals (editing sessions) until it dies. */
  readonly instanceId: string;
  /** Whether another instance is still running. */
  alive(instanceId: string): Promise<boolean>;
  /** Subscribes to a document's channel; `store` queues an update for storage here. */
  open(documentId: string, store: StoreUpdate): Promise<DocumentRelay>;
  /** Stops the background sweep. */
  close(): void;
}

const NO_TICKET: RelayTicket = { stored: () => undefined };

const NO_DOCUMENT_RELAY: DocumentRelay = {
  attach: async () => undefined,
  published: () => NO_TICKET,
  awareness: () => undefined,
  settle: async () => undefined,
  close: () => undefined,
};

/** The relay of a single instance: nothing to tell anyone; any other instance is a past process. */
export const noRelay: Relay = {
  instanceId: randomBytes(8).toString('hex'),
  alive: async () => false,
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
}

const SWEEP_MS = 500;

/**
 * Document updates and awareness over Redis pub/sub, one channel per document, subscribed
 * while the document is open here. Each instance publishes what it applied itself and stores
 * it; what it receives it applies in memory, relays to its own clients and keeps until the
 * sender acknowledges that very update as stored. Should the sender die first (its liveness
 * key expired), or this instance unload the document, this instance stores the update itself
 * under the sender's relay id, which PostgreSQL keeps unique: a copy stored twice is refused.
 */
export function redisRelay(bus: Bus, options: RelayOptions): Relay {
  const open = new Set<RedisDocumentRelay>();
  const settings = {
    catchUpMs: options.catchUpMs ?? 300,
    takeoverAfterMs: options.takeoverAfterMs ?? 1_500,
  };
  const sequence = { next: 0 };
  const sweep = setInterval(() => {
    for (const relay of open) void relay.sweep();
  }, SWEEP_MS);
  sweep.unref();
  const stopResync = bus.onReconnect(() => {
    for (const relay of open) relay.hello();
  });
  return {
    instanceId: bus.instanceId,
    alive: (instanceId) => bus.alive(instanceId),
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
  sessionId: string | null;
  at: number;
}

type Unstored = Omit<Unacknowledged, 'at'>;

class RedisDocumentRelay implements DocumentRelay {
  onClose: () => void = () => undefined;
  private room: Room | undefined;
  private buffered: RelayMessage[] = [];
  /** This instance's published updates not yet stored, by seq: resent to an instance that says hello. */
  private readonly unstored = new Map<number, Unstored>();
  /** Relayed updates not yet acknowledged, by sender and seq. */
  private readonly waiting = new Map<string, Map<number, Unacknowledged>>();
  /** Acknowledgements to publish at the end of this turn, by origin. */
  private readonly acks = new Map<string, number[]>();
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
    private readonly settings: { catchUpMs: number; takeoverAfterMs: number },
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
    this.resendUnstored();
  }

  published(update: Uint8Array, userId: string | null, sessionId?: string): RelayTicket {
    const seq = ++this.sequence.next;
    const unstored = { update, userId, sessionId: sessionId ?? null };
    this.unstored.set(seq, unstored);
    this.send({ kind: 'update', from: this.me, seq, ...unstored });
    return {
      relayId: `${this.me}:${seq}`,
      stored: () => {
        this.unstored.delete(seq);
        this.acknowledge(this.me, seq);
      },
    };
  }

  awareness(update: Uint8Array): void {
    this.send({ kind: 'awareness', from: this.me, update });
  }

  async settle(): Promise<void> {
    // Synchronously, so nothing is between `waiting` and the writer's queue when the room goes.
    for (const [origin, updates] of this.waiting) {
      for (const seq of [...updates.keys()]) this.takeOver(origin, seq);
    }
  }

  close(): void {
    this.unsubscribe?.();
    this.waiting.clear();
    this.room = undefined;
    this.onClose();
  }

  /** Stores the relayed updates, old enough, of senders that died without acknowledging them. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const cutoff = Date.now() - this.settings.takeoverAfterMs;
      for (const [origin, updates] of [...this.waiting]) {
        const due = [...updates].filter(([, u]) => u.at <= cutoff).map(([seq]) => seq);
        if (due.length === 0 || (await this.bus.alive(origin))) continue;
        // Still open, and only what nobody acknowledged during the check.
        if (!this.room) return;
        const left = due.filter((seq) => updates.has(seq));
        for (const seq of left) this.takeOver(origin, seq);
        this.log.warn(
          { documentId: this.documentId, origin, updates: left.length },
          'an instance died before storing relayed updates; storing them here',
        );
      }
    } catch (error) {
      this.log.warn({ err: error, documentId: this.documentId }, 'relay sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  /** Queues a relayed update for storage here under its sender's relay id. */
  private takeOver(origin: string, seq: number): void {
    const updates = this.waiting.get(origin);
    const unacknowledged = updates?.get(seq);
    if (!updates || !unacknowledged) return;
    updates.delete(seq);
    if (updates.size === 0) this.waiting.delete(origin);
    const { update, userId, sessionId } = unacknowledged;
    // Journalled under the sender's session and instance: the sender audits it, or whoever
    // finds the sender dead does (recovery.ts).
    const session = sessionId ? { sessionId, sessionOwner: origin } : {};
    const row = { update, userId, relayId: `${origin}:${seq}`, ...session };
    this.store(row, () => this.acknowledge(origin, seq));
  }

  /** Publishes, at the end of this turn, that `origin`'s update `seq` is stored. */
  private acknowledge(origin: string, seq: number): void {
    const first = this.acks.size === 0;
    const seqs = this.acks.get(origin) ?? [];
    seqs.push(seq);
    this.acks.set(origin, seqs);
    if (!first) return;
    setImmediate(() => {
      for (const [from, list] of this.acks) {
        this.send({ kind: 'stored', from: this.me, origin: from, seqs: list });
      }
      this.acks.clear();
    });
  }

  /** Sends this instance's unstored updates again, so a newcomer can store them should it die. */
  private resendUnstored(): void {
    for (const [seq, unstored] of this.unstored) {
      this.send({ kind: 'update', from: this.me, seq, ...unstored });
    }
  }

  private handle(room: Room, message: RelayMessage): void {
    switch (message.kind) {
      case 'update': {
        room.applyRemote(message.update);
        let updates = this.waiting.get(message.from);
        if (!updates) this.waiting.set(message.from, (updates = new Map()));
        if (!updates.has(message.seq)) {
          const { update, userId, sessionId } = message;
          updates.set(message.seq, { update, userId, sessionId, at: Date.now() });
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
          // The newcomer got them in the step 2 too, but only as state: now it can store them.
          this.resendUnstored();
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
        const updates = this.waiting.get(message.origin);
        if (!updates) return;
        for (const seq of message.seqs) updates.delete(seq);
        if (updates.size === 0) this.waiting.delete(message.origin);
        return;
      }
    }
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
