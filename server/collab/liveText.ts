import type { TextAccess } from '../documents/access';
import type { EventHub } from '../events/hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { editEvent, type EditSession } from './editSessions';
import { UpdateWriter } from './persistence';
import type { Limits } from './protocol';
import { recoverSessions } from './recovery';
import type { Relay } from './relay';
import { RoomRegistry } from './rooms';
import type { DocumentStore, TextEvent } from '../text/store';
import { liveTextAccess } from './texts';

/** How often a failed audit write is tried before it is logged and given up. */
const AUDIT_ATTEMPTS = 5;

/** The live text of one instance, without sockets: its rooms, their storage and their audit. */
export interface LiveText {
  /** The open documents. */
  rooms: RoomRegistry;
  /** The queue of applied updates waiting to be stored. */
  writer: UpdateWriter;
  /** Live text access for the rest of the server. */
  texts: TextAccess;
  /** Audits the journalled sessions of instances that died (a kill -9) before auditing them. */
  recover(): void;
  /** Resolves once every audit event started so far is recorded (or given up). */
  audited(): Promise<void>;
}

/** What the live text is built from. */
export interface LiveTextDeps {
  store: DocumentStore;
  events: EventHub;
  log: Logger;
  metrics: Metrics;
  limits: Limits;
  relay: Relay;
}

/**
 * Builds the rooms over a document store: applied updates go to the writer, stored ones are
 * noted for compaction, and every editing session and repair is audited once its updates are
 * stored. The sockets (collab.ts) only join and leave rooms; everything here works, and is
 * tested, with any `DocumentStore`.
 */
export function createLiveText(deps: LiveTextDeps): LiveText {
  const { store, log, metrics, limits, relay } = deps;
  const audits = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>) => {
    audits.add(task);
    void task.finally(() => audits.delete(task));
  };

  const writer = new UpdateWriter((rows) => store.append(rows), limits, {
    stored(documentId, ids, latencies) {
      metrics.storedUpdates.inc(latencies.length);
      for (const seconds of latencies) metrics.persistenceLatency.observe(seconds);
      // Called only after `rooms` exists: nothing is stored before a room applied it.
      rooms.stored(documentId, ids);
    },
    failed: (error, retryInMs) =>
      log.warn(
        { err: error, retryInMs, backlog: writer.backlog },
        'storing updates failed; retrying',
      ),
    dropped: (documentId, count) =>
      log.warn({ documentId, count }, 'updates of a deleted document dropped'),
  });

  /**
   * Records an audit event once the updates it describes are stored, retrying a failed write;
   * an editing session's event takes the session out of the journal with it.
   */
  const audit = (documentId: string, event: TextEvent, sessionId?: string) =>
    track(
      (async () => {
        await writer.whenStored(documentId);
        for (let attempt = 1; ; attempt++) {
          try {
            return await store.record(documentId, event, sessionId);
          } catch (error) {
            if (attempt >= AUDIT_ATTEMPTS) throw error;
            await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
          }
        }
      })().catch((error) =>
        log.error({ err: error, documentId, kind: event.kind }, 'recording an audit event failed'),
      ),
    );
  const editEnded = (documentId: string, session: EditSession) =>
    audit(documentId, editEvent(session), session.id);
  const repaired = (documentId: string, userId: string | null, kinds: string[]) => {
    audit(documentId, { actorId: null, kind: 'text.repaired', data: { trigger: userId, kinds } });
    deps.events.publish({ type: 'text.repaired', documentId, data: { userId, kinds } });
  };

  const rooms = new RoomRegistry({ ...deps, writer, editEnded, repaired });
  return {
    rooms,
    writer,
    texts: liveTextAccess(store, rooms),
    recover: () =>
      track(
        recoverSessions(store, relay).then(
          (count) =>
            count > 0 && log.warn({ count }, 'audited the editing sessions of a dead instance'),
          (error) => log.warn({ err: error }, 'auditing the sessions of a dead instance failed'),
        ),
      ),
    audited: async () => {
      await Promise.all([...audits]);
    },
  };
}
