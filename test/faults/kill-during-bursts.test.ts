import type * as Y from 'yjs';
import { ServerProcess, seedDocument } from '../support/process';
import { apiClient } from '../support/factories';
import {
  clausesOf,
  connectClient,
  paragraphText,
  sleep,
  waitFor,
  type Client,
} from '../collab/clients';
import type { Clause } from '../../shared/clauses';

/*
 * Five drafters type bursts of tagged words while the server process is killed with SIGKILL,
 * keep typing while it is down, and their stock providers reconnect to the restarted server on
 * their own. Every word must end up exactly once in every client and in what is stored.
 */

jest.setTimeout(120_000);

const EDITORS = 5;
/** Editors e and e + 3 type into the same clause. */
const CLAUSES = 3;
/** Typing before the kill, while the server is down, and after the providers are back. */
const BEFORE_KILL_MS = 3_000;
const WHILE_DOWN_MS = 1_000;
const AFTER_RESYNC_MS = 500;
/** Whatever was typed this long before the kill must already be stored (the promise is 1 s). */
const STORED_AFTER_MS = 1_500;
const TAG = /e(\d+)w(\d+) /g;

let server: ServerProcess;
const clients: Client[] = [];
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await ServerProcess.create();
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
  for (const c of clients) c.destroy();
  await server.dispose();
});

interface Typed {
  word: string;
  at: number;
}

/**
 * One editor appending words `e<editor>w<n> ` to its clause until `stop()`, one update per
 * word. (Typed a character at a time, two editors at the same spot legitimately interleave
 * characters — a Yjs merge, not a loss — and the tags could no longer be counted.)
 */
function burst(client: Client, editor: number) {
  const typed: Typed[] = [];
  let stopped = false;
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      const word = `e${editor}w${n} `;
      const text = paragraphText(client.doc, editor % CLAUSES);
      text.insert(text.length, word);
      typed.push({ word, at: Date.now() });
      await sleep(40 + ((editor * 7 + n * 13) % 40));
    }
  })();
  const handle = {
    typed,
    stop: () => {
      stopped = true;
      return done;
    },
  };
  running.push(handle);
  return handle;
}

/** How often each tag occurs in the text of `clauses`. */
function tagCounts(clauses: Clause[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const clause of clauses) {
    for (const match of clause.text.matchAll(TAG))
      counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  return counts;
}

/** Tags typed but missing, and tags present more than once or never typed. */
function tagProblems(clauses: Clause[], words: string[]) {
  const counts = tagCounts(clauses);
  const missing = words.filter((w) => !counts.has(w));
  const wrong = [...counts].filter(([tag, n]) => n !== 1 || !words.includes(tag));
  return { missing, wrong };
}

const readAndDestroy = (doc: Y.Doc) => {
  const clauses = clausesOf(doc);
  doc.destroy();
  return clauses;
};

describe('a server killed with SIGKILL during five editors’ bursts', () => {
  it('comes back, the providers reconnect on their own, and every word is there exactly once', async () => {
    await server.start();
    const { id, drafterTokens } = await seedDocument(server.url, 'Uji ketik beruntun', EDITORS);
    for (const token of drafterTokens) clients.push(await connectClient(server, id, token));
    const initialIds = clausesOf(clients[0].doc).map((c) => c.id);
    expect(initialIds.length).toBeGreaterThanOrEqual(CLAUSES);

    const bursts = clients.map((client, editor) => burst(client, editor));
    await sleep(BEFORE_KILL_MS);
    const killedAt = Date.now();
    await server.kill();
    const typedUpTo = (t: number) => bursts.flatMap((b) => b.typed.filter((w) => w.at <= t));
    // Mid-burst: every editor typed within the last quarter second before the kill.
    for (const b of bursts) expect(killedAt - b.typed[b.typed.length - 1].at).toBeLessThan(250);
    for (const c of clients) await waitFor(() => !c.provider.wsconnected, 'the socket to break');

    await sleep(WHILE_DOWN_MS);
    // What the killed server had stored: everything typed well before the kill, nothing twice.
    const storedAtKill = readAndDestroy(await server.readStored(id));
    const early = typedUpTo(killedAt - STORED_AFTER_MS).map((w) => w.word);
    const beforeKill = typedUpTo(killedAt).map((w) => w.word);
    expect(early.length).toBeGreaterThan(0);
    const atKill = tagProblems(storedAtKill, beforeKill);
    expect(early.filter((w) => atKill.missing.includes(w))).toEqual([]);
    expect(atKill.wrong).toEqual([]);

    await server.start();
    await waitFor(
      () => clients.every((c) => c.provider.wsconnected && c.provider.synced),
      'every provider to reconnect and sync',
      20_000,
    );
    await sleep(AFTER_RESYNC_MS);
    await Promise.all(bursts.map((b) => b.stop()));
    const words = bursts.flatMap((b) => b.typed.map((w) => w.word));
    // Typing went on while the server was down: those words only lived in the providers.
    expect(words.length).toBeGreaterThan(beforeKill.length);

    const call = apiClient(server.url);
    const live = async () =>
      (await call<Clause[]>('GET', `/api/documents/${id}/clauses`, { token: drafterTokens[0] }))
        .body;
    const reference = () => JSON.stringify(clausesOf(clients[0].doc));
    await waitFor(
      async () =>
        clients.every((c) => JSON.stringify(clausesOf(c.doc)) === reference()) &&
        JSON.stringify(await live()) === reference(),
      'every client and the server to converge',
      15_000,
    );
    const converged = clausesOf(clients[0].doc);
    expect(converged.map((c) => c.id)).toEqual(initialIds);
    expect(tagProblems(converged, words)).toEqual({ missing: [], wrong: [] });
    for (const c of clients) expect(clausesOf(c.doc)).toEqual(converged);

    // What is stored: leave, give the server its second, kill it again and read the database.
    for (const c of clients.splice(0)) c.destroy();
    await sleep(STORED_AFTER_MS);
    await server.kill();
    const stored = readAndDestroy(await server.readStored(id));
    expect(tagProblems(stored, words)).toEqual({ missing: [], wrong: [] });
    expect(stored).toEqual(converged);
  });
});
