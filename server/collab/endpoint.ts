import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Db } from '../db';
import type { Logger } from '../log';
import type { Actor } from '../accounts/present';
import { sessionActor, sessionToken } from '../accounts/sessions';
import { ConnectionCap, MAX_SOCKETS_PER_USER } from '../accounts/connectionCap';
import { findDocument } from '../documents/queries';
import { AppError } from '../errors';
import { may } from '../policies/policies';
import type { Lease, RoomRegistry } from './rooms';

/** The path of the collaboration socket: `/collab/:documentId`. */
export const COLLAB_PATH = /^\/collab\/([^/]+)\/?$/;

/** What the upgrade handler needs. */
export interface EndpointDeps {
  db: Db;
  log: Logger;
  rooms: RoomRegistry;
  wss: WebSocketServer;
  /** False once the server is shutting down. */
  accepting(): boolean;
  /**
   * Puts an accepted socket into its room; the lease keeps the room open until then. `session`
   * is the hash of the token it was opened with, for closing it when that session ends.
   */
  attach(ws: WebSocket, lease: Lease, actor: Actor, session: string): void;
  /** Open sockets one user may hold on this instance; MAX_SOCKETS_PER_USER unless told. */
  maxSocketsPerUser?: number;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

const uuid = z.uuid();

/**
 * Handles `upgrade` on the HTTP server: authenticates the token (`?token=` or the session
 * cookie), checks the document and the caller's access, loads the room and only then
 * completes the WebSocket handshake. Refusals are plain HTTP responses (401, 403, 404, 429,
 * 503), so a client learns why before any WebSocket exists.
 */
export function upgradeHandler(deps: EndpointDeps) {
  const cap = new ConnectionCap(deps.maxSocketsPerUser ?? MAX_SOCKETS_PER_USER);
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    upgrade(deps, cap, req, socket, head).catch((error) => {
      deps.log.error({ err: error }, 'collaboration upgrade failed');
      refuse(socket, {
        status: 503,
        code: 'unavailable',
        message: 'Layanan kolaborasi tidak tersedia.',
      });
    });
  };
}

async function upgrade(
  deps: EndpointDeps,
  cap: ConnectionCap,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const admitted = await admit(deps, req);
  if ('status' in admitted) {
    // The path only: the query may carry the token.
    deps.log.debug({ path: req.url?.split('?')[0], status: admitted.status }, 'upgrade refused');
    return refuse(socket, admitted);
  }
  // The place is taken before the room loads, so parallel upgrades cannot all slip under the cap.
  const release = cap.take(admitted.actor.id);
  if (!release) {
    deps.log.debug({ userId: admitted.actor.id }, 'upgrade refused: too many sockets');
    return refuse(socket, tooManySockets(cap.max));
  }
  let attached = false;
  try {
    attached = await handshake(deps, admitted, req, socket, head, release);
  } finally {
    if (!attached) release();
  }
}

/** Loads the room and completes the handshake; true once the socket is attached. */
async function handshake(
  deps: EndpointDeps,
  admitted: { actor: Actor; documentId: string; session: string },
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  release: () => void,
): Promise<boolean> {
  let lease: Lease;
  try {
    lease = await deps.rooms.acquire(admitted.documentId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) {
      refuse(socket, notFound);
      return false;
    }
    throw error;
  }
  if (socket.destroyed || !deps.accepting()) {
    lease.release();
    refuse(socket, unavailable);
    return false;
  }
  let attached = false;
  // handleUpgrade calls back synchronously when the handshake succeeds.
  deps.wss.handleUpgrade(req, socket, head, (ws) => {
    attached = true;
    ws.once('close', release);
    deps.attach(ws, lease, admitted.actor, admitted.session);
  });
  if (!attached) lease.release();
  return attached;
}

const unauthenticated: Refusal = {
  status: 401,
  code: 'unauthenticated',
  message: 'Anda belum masuk atau sesi telah berakhir.',
};
const forbidden: Refusal = {
  status: 403,
  code: 'forbidden',
  message: 'Anda tidak berwenang membuka dokumen ini.',
};
const notFound: Refusal = { status: 404, code: 'not_found', message: 'Dokumen tidak ditemukan.' };
const tooManySockets = (max: number): Refusal => ({
  status: 429,
  code: 'too_many_requests',
  message: `Terlalu banyak koneksi kolaborasi terbuka untuk pengguna ini (paling banyak ${max}). Tutup tab lain lalu coba lagi.`,
});
const unavailable: Refusal = {
  status: 503,
  code: 'unavailable',
  message: 'Server sedang berhenti.',
};

async function admit(
  deps: EndpointDeps,
  req: IncomingMessage,
): Promise<Refusal | { actor: Actor; documentId: string; session: string }> {
  if (!deps.accepting()) return unavailable;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = COLLAB_PATH.exec(url.pathname);
  if (!match) return notFound;
  const found = sessionToken(req.headers, url.searchParams.get('token') || undefined);
  const session = found && (await sessionActor(deps.db, found.token));
  if (!found || !session) return unauthenticated;
  const { actor } = session;
  // A cookie travels with cross-site requests too; a page elsewhere must not open the socket.
  if (found.viaCookie && !sameOrigin(req)) return forbidden;
  const documentId = decodeURIComponent(match[1]);
  if (!uuid.safeParse(documentId).success) return notFound;
  const doc = await findDocument(deps.db, documentId);
  if (!doc) return notFound;
  if (!may(actor, 'document.see', doc)) return forbidden;
  return { actor, documentId, session: session.hash };
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, refusal: Refusal): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
      'Connection: close',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'),
  );
}
