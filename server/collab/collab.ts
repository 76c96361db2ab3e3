import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Db } from '../db';
import type { TextAccess } from '../documents/access';
import type { EventHub } from '../events/hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { SessionWatch } from '../accounts/sessionWatch';
import { may } from '../policies/policies';
import { Connection } from './connection';
import { upgradeHandler } from './endpoint';
import { CloseCode } from '../../shared/closeCodes';
import { DEFAULT_LIMITS, type Limits } from './protocol';
import { noRelay, type Relay } from './relay';
import { createLiveText } from './liveText';
import type { RoomRegistry } from './rooms';
import { sqlDocumentStore } from '../text/sqlStore';
import type { DocumentStore } from '../text/store';
import { warmUp } from './warmUp';

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
  /** Compiles the first open's paths ahead of the first user (see warmUp.ts); stores nothing. */
  warmUp(): Promise<void>;
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
  /** Where the text is stored; the database unless told. */
  store?: DocumentStore;
}

// At shutdown, storing what is left is tried for this long before giving up (and logging).
const SHUTDOWN_DRAIN_MS = 10_000;
// How often the journal is checked for sessions of instances that died since this one started.
const RECOVERY_MS = 60_000;

/** Builds the collaboration server: rooms, the update writer, the socket endpoint and the heartbeat. */
export function createCollab(deps: CollabDeps): Collab {
  const { db, log, metrics } = deps;
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  // Every open socket, with what stops watching the session it was opened with.
  const connections = new Map<Connection, () => void>();
  // A signed-out or expired session closes its sockets with 4401 at the next check.
  const sessions = new SessionWatch(db, limits.sessionCheckMs, (error) =>
    // Storage outages are handled elsewhere; the sockets stay until a check succeeds.
    log.warn({ err: error }, 'checking socket sessions failed'),
  );
  let accepting = true;
  let warming: Promise<void> = Promise.resolve();

  const relay = deps.relay ?? noRelay;
  const store = deps.store ?? sqlDocumentStore(db, relay.instanceId);
  const { rooms, writer, texts, recover, audited } = createLiveText({
    store,
    events: deps.events,
    log,
    metrics,
    limits,
    relay,
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
        // Whether the document still may change (it is not final) is the room's business.
        mayEdit: may(actor, 'text.edit'),
        name: actor.name,
        agency: actor.agency.code,
      };
      const connection = new Connection(ws, lease.room, peer, limits, {
        closed(c) {
          connections.get(c)?.();
          connections.delete(c);
          metrics.connections.dec();
        },
        error: (_c, error) => log.debug({ err: error.message }, 'collaboration socket error'),
      });
      const end = () => connection.close(CloseCode.sessionEnded, 'session ended');
      connections.set(connection, sessions.watch(session, end));
      metrics.connections.inc();
      lease.room.join(connection, connection.peer);
      lease.release();
    },
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections.keys()) connection.heartbeat();
  }, limits.heartbeatMs);
  heartbeat.unref();
  recover();
  const recovery = setInterval(recover, RECOVERY_MS);
  recovery.unref();

  return {
    texts,
    rooms,
    handleUpgrade,
    get connections() {
      return connections.size;
    },
    async flush() {
      await writer.drain(Date.now() + SHUTDOWN_DRAIN_MS);
      await audited();
    },
    warmUp() {
      warming = warmUp(db, store).catch((error) => log.warn({ err: error }, 'warm-up failed'));
      return warming;
    },
    async close() {
      accepting = false;
      await warming;
      clearInterval(heartbeat);
      sessions.stop();
      clearInterval(recovery);
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
      const left = await writer.drain(Date.now() + SHUTDOWN_DRAIN_MS);
      if (left > 0) log.error({ left }, 'updates could not be stored before shutdown');
      await audited();
      deps.relay?.close();
      wss.close();
    },
  };
}
