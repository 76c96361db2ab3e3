import * as Y from 'yjs';
import type { EventHub } from '../events/hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { notFound } from '../errors';
import { storedDoc } from '../documents/text';
import { EditSessions, type EditSession } from './editSessions';
import type { UpdateWriter } from './persistence';
import type { Limits } from './protocol';
import type { DocumentRelay, Relay } from './relay';
import { Room, type RoomHooks } from './room';
import type { DocumentStore, StoredBase } from '../text/store';
import { normalizeNaskah } from '../text/normalize';

/** How long a shutdown waits for the rooms to unload (a socket is cut off after 5 s). */
const CLOSE_WAIT_MS = 6_000;

/** Documents one sweep query returns; a sweep repeats until fewer come back. */
const SWEEP_BATCH = 20;

/** A claim on an open room; the room stays loaded until every lease is released and every connection has left. */
export interface Lease {
  room: Room;
  release(): void;
}

interface Entry {
  room: Room;
  holds: number;
  closing: boolean;
  base: StoredBase;
  sessions: EditSessions;
  compacting: Promise<void> | undefined;
  unsubscribe: () => void;
  relay: DocumentRelay;
}

/** What the registry needs from the rest of the server. */
export interface RoomDeps {
  /** Where the text is loaded from, stored and compacted. */
  store: DocumentStore;
  writer: UpdateWriter;
  events: EventHub;
  log: Logger;
  metrics: Metrics;
  limits: Limits;
  /** Shares open documents with other instances (`noRelay` when there are none). */
  relay: Relay;
  /** Records an ended editing session (after its updates are stored). */
  editEnded(documentId: string, session: EditSession): void;
  /** Records and announces that text outside the schema was repaired (after a change of `userId`, or at load when null). */
  repaired(documentId: string, userId: string | null, kinds: string[]): void;
}

/**
 * The open documents of this instance: loads a room on first use, shares it, and unloads it
 * once its last connection has left and its updates are stored. Open rooms listen for the
 * document's finalisation and become read-only.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly unloading = new Set<Promise<void>>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  /** Compactions deleted stored updates since the last tidy; true at start, for an earlier process's. */
  private untidy = true;

  constructor(private readonly deps: RoomDeps) {
    // The first sweep soon after start: a crashed instance may have left a long tail.
    if (deps.limits.compactSweepMs > 0)
      this.scheduleSweep(Math.min(1_000, deps.limits.compactSweepMs));
  }

  /** How many documents are in memory. */
  get size(): number {
    return this.entries.size;
  }

  /** The room of a document if it is in memory (open or unloading). */
  peek(documentId: string): Room | undefined {
    return this.entries.get(documentId)?.room;
  }

  /** Opens (or shares) a document's room; rejects with 404 when the document does not exist. */
  async acquire(documentId: string): Promise<Lease> {
    let entry = this.entries.get(documentId);
    if (!entry) {
      let loading = this.loading.get(documentId);
      if (!loading) {
        loading = this.load(documentId).finally(() => this.loading.delete(documentId));
        this.loading.set(documentId, loading);
      }
      entry = await loading;
    }
    const held = entry;
    held.holds += 1;
    // A lease taken while the room unloads revives it: its state never left memory.
    held.closing = false;
    let released = false;
    return {
      room: held.room,
      release: () => {
        if (released) return;
        released = true;
        held.holds -= 1;
        this.maybeUnload(held);
      },
    };
  }

  /** Resolves once every update applied to the document so far is stored. */
  whenStored(documentId: string): Promise<void> {
    return this.deps.writer.whenStored(documentId);
  }

  /** Notes stored updates of a document (under `ids`), compacting it once they pass the threshold. */
  stored(documentId: string, ids: number[]): void {
    const entry = this.entries.get(documentId);
    if (!entry) return;
    entry.base.ids.push(...ids);
    if (entry.base.ids.length >= this.deps.limits.compactThreshold) this.compact(documentId, entry);
  }

  /** Closes every connection of every room with `code`, then waits for the rooms to unload. */
  async closeAll(code: number, reason: string): Promise<void> {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.sweeping;
    for (const entry of this.entries.values()) entry.room.closeAll(code, reason);
    // Connections leave as their closing handshakes end (room.ts), so the rooms unload after
    // storing what their clients sent until then; a lease still held (a change in progress)
    // does not hold the shutdown up past the deadline.
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while ((this.entries.size > 0 || this.unloading.size > 0) && Date.now() < deadline) {
      if (this.unloading.size > 0) await Promise.all([...this.unloading]);
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Compacts every stored document with `compactOnUnload` or more updates past its snapshot:
   * one open here folds its live state in (as when it passes the threshold), any other is
   * merged from storage. Updates of a document that stays closed (written by an instance that
   * stopped or crashed before it compacted) so never pile up, and a load replays a bounded tail.
   * Each compaction is one transaction under the document's lock (compaction.ts), safe beside
   * writers and other instances.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const { store, limits, log } = this.deps;
    for (;;) {
      const ids = await store.backlog(limits.compactOnUnload, SWEEP_BATCH);
      for (const documentId of ids) {
        const entry = this.entries.get(documentId);
        if (entry) {
          this.compact(documentId, entry);
          await entry.compacting;
        } else {
          await store
            .compact(documentId)
            .then(() => (this.untidy = true))
            .catch((error) =>
              log.warn({ err: error, documentId }, 'compaction failed; will retry later'),
            );
        }
      }
      if (ids.length < SWEEP_BATCH) break;
    }
    await this.tidy();
  }

  /** Reclaims what compactions deleted, at most once a sweep, so loads stay bounded by the tail. */
  private async tidy(): Promise<void> {
    if (!this.untidy) return;
    this.untidy = false;
    await this.deps.store.tidy().catch((error) => {
      this.untidy = true;
      this.deps.log.warn({ err: error }, 'vacuuming stored updates failed; will retry later');
    });
  }

  private scheduleSweep(delayMs: number): void {
    this.sweepTimer = setTimeout(() => {
      void this.sweep()
        .catch((error) => this.deps.log.warn({ err: error }, 'compaction sweep failed'))
        .finally(() => {
          if (this.sweepTimer) this.scheduleSweep(this.deps.limits.compactSweepMs);
        });
    }, delayMs);
    // A pending sweep must not keep the process (or a test run) alive.
    this.sweepTimer.unref();
  }

  private async load(documentId: string): Promise<Entry> {
    let entry: Entry | undefined;
    let finalized = false;
    // Subscribed before the status is read, so a finalisation in between is not missed.
    const unsubscribe = this.deps.events.subscribe(documentId, (event) => {
      if (event.type !== 'document.finalized') return;
      finalized = true;
      entry?.room.finalize();
    });
    let relay: DocumentRelay | undefined;
    const sessions = new EditSessions(this.deps.limits.editSessionIdleMs, (s) =>
      this.deps.editEnded(documentId, s),
    );
    try {
      // Subscribed before loading, so an update another instance applies meanwhile is not missed.
      relay = await this.deps.relay.open(documentId, (row, done) =>
        this.deps.writer.enqueue({ documentId, ...row }, done),
      );
      const stored = await this.deps.store.load(documentId);
      if (!stored) throw notFound('Dokumen');
      const doc = storedDoc(stored);
      const room = new Room(documentId, doc, {
        final: stored.status === 'final' || finalized,
        hooks: this.hooks(documentId, relay, sessions),
        normalize: normalizeNaskah,
      });
      await relay.attach(room);
      room.conformLoaded();
      const base = {
        version: stored.version,
        ids: stored.updates.map((u) => u.id),
        contained: true,
      };
      entry = {
        room,
        holds: 0,
        closing: false,
        base,
        sessions,
        compacting: undefined,
        unsubscribe,
        relay,
      };
      this.entries.set(documentId, entry);
      this.deps.metrics.openDocuments.inc();
      if (base.ids.length >= this.deps.limits.compactThreshold) this.compact(documentId, entry);
      return entry;
    } catch (error) {
      unsubscribe();
      relay?.close();
      throw error;
    }
  }

  private hooks(documentId: string, relay: DocumentRelay, sessions: EditSessions): RoomHooks {
    const { writer, metrics, log } = this.deps;
    const entry = () => this.entries.get(documentId);
    return {
      applied: (update, userId, remote) => {
        // The instance that applied it from its client stores, audits and counts it.
        if (remote) return;
        metrics.appliedUpdates.inc();
        // The session is journalled with the update, by whichever instance stores it.
        const sessionId = userId ? sessions.note(userId) : undefined;
        const ticket = relay.published(update, userId, sessionId);
        const row = { documentId, update, userId, sessionId, relayId: ticket.relayId };
        writer.enqueue(row, ticket.stored);
      },
      awareness: (update) => relay.awareness(update),
      rejected: () => metrics.rejectedUpdates.inc(),
      left: (peer, last) => {
        const current = entry();
        if (!current) return;
        if (!current.room.hasUser(peer.userId)) current.sessions.end(peer.userId);
        if (last) this.maybeUnload(current);
      },
      repaired: (peer, kinds) => this.deps.repaired(documentId, peer?.userId ?? null, kinds),
      protocolError: (peer, error) =>
        log.debug({ documentId, userId: peer.userId, err: error.message }, 'collab protocol error'),
    };
  }

  private maybeUnload(entry: Entry): void {
    if (entry.holds > 0 || entry.room.size > 0 || entry.closing) return;
    entry.closing = true;
    const task = this.unload(entry).catch((error) =>
      this.deps.log.error(
        { err: error, documentId: entry.room.documentId },
        'unloading a document failed',
      ),
    );
    this.unloading.add(task);
    void task.finally(() => this.unloading.delete(task));
  }

  private async unload(entry: Entry): Promise<void> {
    const { documentId } = entry.room;
    entry.sessions.endAll();
    await entry.relay.settle();
    await this.deps.writer.whenStored(documentId);
    await entry.compacting;
    if (entry.closing && entry.base.ids.length >= this.deps.limits.compactOnUnload) {
      this.compact(documentId, entry);
      await entry.compacting;
    }
    // Someone came back while the updates were being stored: keep the room.
    if (!entry.closing) return;
    this.entries.delete(documentId);
    entry.unsubscribe();
    entry.relay.close();
    entry.room.destroy();
    this.deps.metrics.openDocuments.dec();
  }

  private compact(documentId: string, entry: Entry): void {
    if (entry.compacting) return;
    const taken = entry.base.ids.length;
    entry.compacting = this.deps.store
      .compact(documentId, {
        base: entry.base,
        encode: () => Y.encodeStateAsUpdate(entry.room.doc),
      })
      .then((next) => {
        entry.base = { ...next, ids: entry.base.ids.slice(taken) };
        this.untidy = true;
      })
      .catch((error) =>
        this.deps.log.warn({ err: error, documentId }, 'compaction failed; will retry later'),
      )
      .finally(() => {
        entry.compacting = undefined;
      });
  }
}
