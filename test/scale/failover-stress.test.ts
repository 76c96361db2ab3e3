import * as Y from 'yjs';
import WebSocket from 'ws';
import { apiClient, createDocument, makeCast, type Cast } from '../support/factories';
import { burnCpu, type CpuBurner } from '../support/burner';
import { clausesOf, connectClient, waitFor, type Client } from '../collab/clients';
import { bundleServer, type ServerBundle } from './bundle';
import { createCluster, describeCluster, type Cluster, type Instance } from './cluster';

/*
 * The kill -9 scenario of issue 18, run many times while every core is kept busy: two
 * instances share a document, their clients' edits cross (typed a character at a time, so B
 * compacts when it unloads), instance A is killed (right after B's clients saw A's last edit,
 * or at once), B is stopped (SIGTERM) and one more edit is sent to it as it shuts down, C
 * is started. Whatever B relayed to a client, and that edit if it went out on an open socket,
 * must be in what C loads. Bounded: STRESS_RUNS runs (30 in CI), a few seconds
 * each, instances started ahead from a bundle.
 */

const RUNS = Number(process.env.STRESS_RUNS ?? 30);
const EDITS = 20;
/** The burner stops itself after this long even if the test never stops it. */
const BURN_MS = 8 * 60_000;

jest.setTimeout(BURN_MS);

const describeScale = describeCluster();

/** The text of the first paragraph of clause `clause`, inside an ayat or not. */
function firstText(doc: Y.Doc, clause: number): Y.XmlText {
  const element = doc
    .getXmlFragment('prosemirror')
    .toArray()
    .filter((node) => node instanceof Y.XmlElement && node.nodeName === 'clause')[clause];
  for (const node of (element as Y.XmlElement).createTreeWalker(
    (n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph',
  )) {
    const text = (node as Y.XmlElement).toArray().find((child) => child instanceof Y.XmlText);
    if (text) return text as Y.XmlText;
  }
  throw new Error(`no paragraph text in clause ${clause}`);
}

/** Types `word` at the end of a clause's first paragraph, one update per character. */
function type(client: Client, clause: number, word: string): void {
  const text = firstText(client.doc, clause);
  for (const ch of word) text.insert(text.length, ch);
}

/** The words `<tag><n> ` found in a document's clauses. */
function wordsIn(doc: Y.Doc, tag: string): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`${tag}\\d+ |${tag}akhir `, 'g');
  for (const clause of clausesOf(doc)) {
    for (const match of clause.text.matchAll(pattern)) found.add(match[0]);
  }
  return found;
}

describeScale('the kill -9 failover scenario under a busy CPU', () => {
  let cluster: Cluster;
  let bundle: ServerBundle;
  let cast: Cast;
  let burner: CpuBurner | undefined;
  const clients: Client[] = [];
  // Instances started ahead, while the runs go on: a run needs two new ones.
  const spare: Promise<Instance>[] = [];
  const take = () => {
    while (spare.length < 3) spare.push(cluster.start());
    return spare.shift()!;
  };

  beforeAll(async () => {
    bundle = await bundleServer();
    cluster = await createCluster(bundle.entry);
  });
  afterAll(async () => {
    await burner?.stop();
    for (const c of clients) c.destroy();
    await Promise.allSettled(spare);
    await cluster?.teardown();
    bundle?.remove();
  });

  const connect = async (instance: Instance, id: string) => {
    const client = await connectClient(instance, id, cast.drafter.token);
    clients.push(client);
    return client;
  };

  /**
   * One run on `a`: returns the words a client saw applied that the instance started after it
   * does not load, and that instance (the next run's A).
   */
  async function run(n: number, a: Instance) {
    const b = await take();
    const id = await createDocument(apiClient(b.url), cast, { title: `Uji tekanan ${n}` });
    const onA = await connect(a, id);
    const onB = await connect(b, id);
    const watcher = await connect(b, id);
    const tagA = `a${n}x`;
    const tagB = `b${n}x`;
    for (let i = 0; i < EDITS; i++) {
      type(onA, 0, `${tagA}${i} `);
      type(onB, 1, `${tagB}${i} `);
    }
    // Even runs: killed the moment B relayed A's last edit to its clients, before A stored it.
    // Odd runs: killed at once, while A's last edits are still on their way.
    if (n % 2 === 0)
      await waitFor(() => wordsIn(watcher.doc, tagA).size === EDITS, 'A’s edits on B', 30_000);
    await a.kill();
    // One more edit on B, sent just as B is told to stop (SIGTERM), so it races B's shutdown:
    // what goes out on a socket still open must be stored.
    const last = `${tagB}akhir `;
    const stopping = b.stop();
    const sent = onB.provider.ws?.readyState === WebSocket.OPEN;
    const text = firstText(onB.doc, 1);
    text.insert(text.length, last);
    await stopping;
    // Whatever B relayed to a client before it stopped, and the edit if it was sent to B.
    const seen = [...wordsIn(watcher.doc, tagA), ...wordsIn(watcher.doc, tagB)];
    if (sent) seen.push(last);
    for (const c of clients.splice(0)) c.destroy();
    // Started ahead of time, but it opens the document only now, from what is stored.
    const c = await take();
    const fresh = await connect(c, id);
    const loaded = new Set([...wordsIn(fresh.doc, tagA), ...wordsIn(fresh.doc, tagB)]);
    fresh.destroy();
    clients.splice(0);
    return { lost: seen.filter((w) => !loaded.has(w)), sent, next: c };
  }

  it(`loses no edit a client saw applied in ${RUNS} runs in a row`, async () => {
    let a = await take();
    // After the first start: the instance migrated the database.
    cast = await makeCast(cluster.testDb.db);
    burner = burnCpu(BURN_MS);
    const losses: { run: number; lost: string[] }[] = [];
    const started = Date.now();
    for (let n = 0; n < RUNS; n++) {
      const at = Date.now();
      const { lost, sent, next } = await run(n, a);
      if (lost.length > 0) losses.push({ run: n, lost });
      process.stderr.write(
        `failover stress run ${n}: ${Date.now() - at} ms, last edit sent ${sent}, lost ${lost.length}\n`,
      );
      a = next;
    }
    process.stderr.write(
      `failover stress: ${RUNS} runs in ${Date.now() - started} ms, ${losses.length} with losses ${JSON.stringify(losses)}\n`,
    );
    expect(losses).toEqual([]);
  });
});
