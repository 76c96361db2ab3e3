import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { FRAGMENT, readClauses } from '../../server/documents/text';
import type { Clause } from '../../shared/clauses';
import { MESSAGE_AUTH } from '../../server/collab/protocol';
import { apiClient, createDocument, makeCast } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** A real y-websocket client on its own Y.Doc. */
export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Permission-denied reasons the server sent. */
  denied: string[];
  destroy(): void;
}

/** Opens a stock WebsocketProvider to the server's collaboration socket and waits for the first sync. */
export async function connectClient(
  server: { url: string },
  documentId: string,
  token: string,
  doc = new Y.Doc(),
): Promise<Client> {
  const provider = new WebsocketProvider(
    server.url.replace(/^http/, 'ws') + '/collab',
    documentId,
    doc,
    {
      params: { token },
      // Node's WebSocket global is not there in node 20; ws is.
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Two providers in one process would otherwise sync through a BroadcastChannel, past the server.
      disableBc: true,
    },
  );
  const denied: string[] = [];
  // The stock client only logs permission-denied; record it instead.
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
    denied.push(decoding.readVarString(decoder));
  };
  // A first sync loads the room from storage; on a machine as busy as CI's it can take seconds.
  await waitFor(() => provider.synced, 'first sync', 20_000);
  return {
    doc,
    provider,
    denied,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The XmlText of paragraph `paragraph` of clause number `clause` (both from 0), in the Yjs layout. */
export function paragraphText(doc: Y.Doc, clause: number, paragraph = 0): Y.XmlText {
  const clauses = doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .filter(
      (node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause',
    );
  const element = clauses[clause];
  if (!element) throw new Error(`no clause ${clause}`);
  const paragraphs = paragraphElements(element);
  const text = paragraphs[paragraph]
    ?.toArray()
    .find((node): node is Y.XmlText => node instanceof Y.XmlText);
  if (!text) throw new Error(`no text in clause ${clause} paragraph ${paragraph}`);
  return text;
}

/** The paragraph elements of a clause in reading order, inside ayat and list items too. */
export function paragraphElements(parent: Y.XmlElement): Y.XmlElement[] {
  return parent
    .toArray()
    .flatMap((node) =>
      !(node instanceof Y.XmlElement)
        ? []
        : node.nodeName === 'paragraph'
          ? [node]
          : node.nodeName === 'clause_heading'
            ? []
            : paragraphElements(node),
    );
}

/** Types `text` at the end of a clause's paragraph, one update per character as an editor would. */
export function typeInto(doc: Y.Doc, clause: number, text: string, paragraph = 0): void {
  const target = paragraphText(doc, clause, paragraph);
  for (const ch of text) target.insert(target.length, ch);
}

/** The clauses held by a Y.Doc. */
export const clausesOf = (doc: Y.Doc): Clause[] => readClauses(doc);

/** A server with a cast and helpers to make documents over the HTTP API. */
export async function castAndDocument(server: TestServer) {
  const cast = await makeCast(server.db);
  const call = apiClient(server.url);
  const newDocument = () => createDocument(call, cast);
  return { cast, call, newDocument };
}

/** A bare WebSocket to the server, for what the stock provider never sends. */
export interface RawSocket {
  ws: WebSocket;
  /** Frames received, in order. */
  frames: Uint8Array[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a bare WebSocket; resolves once open, or rejects with the HTTP status of a refused upgrade. */
export function rawSocket(
  server: { url: string },
  path: string,
  options: { headers?: Record<string, string>; autoPong?: boolean } = {},
): Promise<RawSocket> {
  const ws = new WebSocket(server.url.replace(/^http/, 'ws') + path, {
    headers: options.headers,
    autoPong: options.autoPong ?? true,
  });
  const frames: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => reject(new RefusedUpgrade(res.statusCode ?? 0, body)));
    });
    ws.on('error', (error) => reject(error));
  });
}

/** An upgrade the server answered with an HTTP status instead of a WebSocket. */
export class RefusedUpgrade extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with ${status}`);
  }
}

/** The HTTP status a refused upgrade got, or 101 when it was accepted (the socket is closed again). */
export async function upgradeStatus(
  server: { url: string },
  path: string,
  headers?: Record<string, string>,
): Promise<number> {
  try {
    const socket = await rawSocket(server, path, { headers });
    socket.ws.close();
    return 101;
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error.status;
    throw error;
  }
}

/** A test file's server, cast and stock clients, set up and torn down by `collabSuite`. */
export interface CollabSuite {
  server: TestServer;
  env: Awaited<ReturnType<typeof castAndDocument>>;
  /** Connects a stock client (the drafter's by default), destroyed after the test. */
  open(documentId: string, token?: string): Promise<Client>;
}

/**
 * Registers the hooks of a collaboration test file: a server with a cast before all tests,
 * the clients a test opened destroyed after it, the server stopped at the end. Read the
 * fields inside tests.
 */
export function collabSuite(options: Parameters<typeof startTestServer>[1] = {}): CollabSuite {
  const clients: Client[] = [];
  const suite = {
    async open(documentId: string, token?: string) {
      const client = await connectClient(
        suite.server,
        documentId,
        token ?? suite.env.cast.drafter.token,
      );
      clients.push(client);
      return client;
    },
  } as CollabSuite;
  beforeAll(async () => {
    suite.server = await startTestServer({}, options);
    suite.env = await castAndDocument(suite.server);
  }, 120_000);
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(() => suite.server.stop());
  return suite;
}
