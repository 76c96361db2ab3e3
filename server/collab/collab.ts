import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Db } from '../db';
import type { TextAccess } from '../documents/access';
import type { EventHub } from '../events/hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { documentStream, recordEvent, type AuditKind } from '../audit/audit';
import type { Actor } from '../accounts/present';
import { liveSessionHashes } from '../accounts/queries';
import { policy } from '../policies/policies';
import { Connection } from './connection';
import type { EditSession } from './editSessions';
import { upgradeHandler } from './endpoint';
import { UpdateWriter } from './persistence';
import { CloseCode, DEFAULT_LIMITS, type Limits } from './protocol';
import { appendUpdates, journalSessions, unjournalSession } from './queries';
import { recoverSessions } from './recovery';
import { noRelay, type Relay } from './relay';
import { RoomRegistry } from './rooms';
import { liveTextAccess } from './texts';

/** The collaboration server of one instance. */
export interface Collab {
  /** Live text access for the rest of the server. */
  texts: TextAccess;
  /** The open documents (exposed for tests and metrics). */
  rooms: RoomRegistry;
  /** The handler for the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** How many sockets are open. */
  readonly connections: number;
  /** Stores everything applied so far (tests use it instead of sleeping). */
  flush(): Promise<void>;
  /** Stops accepting sockets, closes the open ones, stores pending updates and audit events. */
  close(): Promise<void>;
}

/** What the collaboration server is built from. */
export interface CollabDeps {
  db: Db;
  log: Logger;
  metrics: Metrics;
  events: EventHub;
  limits?: Partial<Limits>;
  /** Shares open documents with other instances; without it this instance is alone. */
  relay?: Relay;
}

// At shutdown, storing what is left is tried for this long before giving up (and logging).
const SHUTDOWN_DRAIN_MS = 10_000;
const AUDIT_ATTEMPTS = 5;
// How often the journal is checked for sessions of instances that died since this one started.
const RECOVERY_MS = 60_000;

/**
 * Whether the actor's role may change text at all; whether this document still may be
 * changed (it is not final) is the room's business, as it can change while connected.
 */
function roleMayEdit(actor: Actor): boolean {
  return policy.editText(actor, { status: 'drafting', parties: [], reviewers: [] });
}

/** Closes the sockets whose session was signed out or has expired since they were opened. */
async function closeEndedSessions(db: Db, connections: Map<Connection, string>): Promise<void> {
  if (connections.size === 0) return;
  const live = await liveSessionHashes(db, [...new Set(connections.values())]);
  for (const [connection, session] of connections) {
    if (!live.has(session)) connection.close(CloseCode.sessionEnded, 'session ended');
  }
}

/** Builds the collaboration server: rooms, the update writer, the socket endpoint and the heartbeat. */
export function createCollab(deps: CollabDeps): Collab {
  const { db, log, metrics } = deps;
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  // Every open socket and the hash of the session token it was opened with.
  const connections = new Map<Connection, string>();
  const audits = new Set<Promise<void>>();
  let accepting = true;

  const relay = deps.relay ?? noRelay;
  // The rows and their editing sessions land together: a stored change always has a session
  // that is either audited or journalled for the next start to audit (recovery.ts).
  const storeRows = (rows: Parameters<typeof appendUpdates>[1]) =>
    db.transaction(async (tx) => {
      const stored = await appendUpdates(tx, rows);
      await journalSessions(tx, rows, stored, relay.instanceId);
      return stored;
    });
  const writer = new UpdateWriter(storeRows, limits, {
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
   * an editing session's event takes the session out of the journal in the same transaction.
   */
  const audit = (
    documentId: string,
    actorId: string | null,
    kind: AuditKind,
    data: object,
    sessionId?: string,
  ) => {
    const task = (async () => {
      await writer.whenStored(documentId);
      for (let attempt = 1; ; attempt++) {
        try {
          await db.transaction(async (tx) => {
            await recordEvent(tx, documentStream(documentId), { actorId, kind, data });
            if (sessionId) await unjournalSession(tx, sessionId);
          });
          return;
        } catch (error) {
          if (attempt >= AUDIT_ATTEMPTS) throw error;
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
      }
    })().catch((error) =>
      log.error({ err: error, documentId, kind }, 'recording an audit event failed'),
    );
    audits.add(task);
    void task.finally(() => audits.delete(task));
  };
  const editEnded = (documentId: string, session: EditSession) =>
    audit(
      documentId,
      session.userId,
      'edit',
      {
        firstAt: session.firstAt.toISOString(),
        lastAt: session.lastAt.toISOString(),
        updates: session.updates,
      },
      session.id,
    );
  /** Audits the journalled sessions of instances that died (a kill -9) before auditing them. */
  const recover = () => {
    const task = recoverSessions(db, relay).then(
      (count) =>
        count > 0 && log.warn({ count }, 'audited the editing sessions of a dead instance'),
      (error) => log.warn({ err: error }, 'auditing the sessions of a dead instance failed'),
    );
    const tracked = task.then(() => undefined);
    audits.add(tracked);
    void tracked.finally(() => audits.delete(tracked));
  };
  const repaired = (documentId: string, userId: string | null, kinds: string[]) => {
    audit(documentId, null, 'text.repaired', { trigger: userId, kinds });
    deps.events.publish({ type: 'text.repaired', documentId, data: { userId, kinds } });
  };

  const rooms = new RoomRegistry({
    db,
    writer,
    events: deps.events,
    log,
    metrics,
    limits,
    relay,
    editEnded,
    repaired,
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  });
  const handleUpgrade = upgradeHandler({
    db,
    log,
    rooms,
    wss,
    accepting: () => accepting,
    attach(ws, lease, actor, session) {
      const peer = {
        userId: actor.id,
        mayEdit: roleMayEdit(actor),
        name: actor.name,
        agency: actor.agency.code,
      };
      const connection = new Connection(ws, lease.room, peer, limits, {
        closed(c) {
          connections.delete(c);
          metrics.connections.dec();
        },
        error: (_c, error) => log.debug({ err: error.message }, 'collaboration socket error'),
      });
      connections.set(connection, session);
      metrics.connections.inc();
      lease.room.join(connection, connection.peer);
      lease.release();
    },
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections.keys()) connection.heartbeat();
  }, limits.heartbeatMs);
  heartbeat.unref();
  const sessionCheck = setInterval(
    () =>
      void closeEndedSessions(db, connections).catch((error) =>
        // Storage outages are handled elsewhere; the sockets stay until a check succeeds.
        log.warn({ err: error }, 'checking socket sessions failed'),
      ),
    limits.sessionCheckMs,
  );
  sessionCheck.unref();
  recover();
  const recovery = setInterval(recover, RECOVERY_MS);
  recovery.unref();

  return {
    texts: liveTextAccess(db, rooms),
    rooms,
    handleUpgrade,
    get connections() {
      return connections.size;
    },
    async flush() {
      await writer.drain(Date.now() + SHUTDOWN_DRAIN_MS);
      await Promise.all([...audits]);
    },
    async close() {
      accepting = false;
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      clearInterval(recovery);
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
      const left = await writer.drain(Date.now() + SHUTDOWN_DRAIN_MS);
      if (left > 0) log.error({ left }, 'updates could not be stored before shutdown');
      await Promise.all([...audits]);
      deps.relay?.close();
      wss.close();
    },
  };
}
