import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { openDb, type Db } from '../../server/db';
import { loadStoredDocument } from '../../server/text/queries';
import { buildDoc } from '../../server/documents/text';
import { BenchClient, until } from '../client';
import type { ReadersReport, ReadersTask } from '../restReaders';
import { paragraphTexts, seededRandom, type BenchContext, type Scenario } from '../scenario';
import { median, ms, percentile, type ResultRow } from '../table';
import { apiJson, rss, startReference, startSelaras, treeRss, type Target } from '../targets';

const DOCUMENTS = 20;
const EDITORS_PER_DOCUMENT = 10;
const READERS = Number(process.env.BENCH_LOAD_READERS ?? 50);
/** How long the editors type and the readers poll; BENCH_LOAD_SECONDS shortens it while developing. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** Each editor types one character every 150–450 ms (300 ms on average, a steady human pace). */
const KEYSTROKE_MS = { min: 150, max: 450 };
/** Each reader polls the three routes once every 0.8–1.2 s. */
const POLL_MS = { min: 800, max: 1_200 };
/** Each keystroke continues where the editor's cursor is, or moves it to a random place with this chance. */
const JUMP_CHANCE = 0.05;
const SETTLE_MS = 3_000;
/** How often the bench checks its own event loop is keeping up. */
const LOOP_RESOLUTION_MS = 10;
const PASSWORD = 'bench-kata-sandi-1';
const AGENCIES = { parties: ['LOAD-A', 'LOAD-B'], reviewer: 'LOAD-R' };
/** One drafter per document: an account may hold 20 sockets, a document has 10 editors. */
const drafter = (i: number) => ({ email: `load.perancang.${i}@selaras.test`, password: PASSWORD });
const READER = { email: 'load.pembaca@selaras.test', password: PASSWORD };

/**
 * Load: 200 editors (10 on each of 20 documents) type for a minute while 50 readers poll the
 * REST API. Reports fan-out and REST latency, errors, the server's CPU and memory, and for
 * Selaras whether every update the editors got applied was stored exactly once.
 */
export const load: Scenario = {
  name: 'load',
  async run(ctx) {
    const ours = await selaras(ctx);
    const theirs = await reference(ctx);
    const scenario = `load, ${DOCUMENTS} documents × ${EDITORS_PER_DOCUMENT} editors + ${READERS} REST readers, ${SECONDS} s`;
    const row = (measure: string, selarasCell: string, referenceCell: string): ResultRow => ({
      scenario,
      measure,
      selaras: selarasCell,
      reference: referenceCell,
    });
    const storedCell =
      ours.stored.rows === ours.run.applied && ours.stored.sameState
        ? `${count(ours.stored.rows)} = ${count(ours.run.applied)}`
        : `${count(ours.stored.rows)} ≠ ${count(ours.run.applied)}${ours.stored.sameState ? '' : ' (stored state differs)'}`;
    return [
      row(
        'fan-out p50 latency',
        ms(percentile(ours.run.fanout, 50)),
        ms(percentile(theirs.fanout, 50)),
      ),
      row(
        'fan-out p99 latency',
        ms(percentile(ours.run.fanout, 99)),
        ms(percentile(theirs.fanout, 99)),
      ),
      row('REST p50 latency', ms(percentile(ours.run.rest, 50)), 'n/a'),
      row('REST p99 latency', ms(percentile(ours.run.rest, 99)), 'n/a'),
      row('errors', errorCell(ours.run), errorCell(theirs)),
      row(
        'keystrokes applied',
        `${count(ours.run.applied)} (${perSecond(ours.run)}/s)`,
        `${count(theirs.applied)} (${perSecond(theirs)}/s)`,
      ),
      row('server CPU (% of one core)', percent(ours.run.cpu), percent(theirs.cpu)),
      row('server RSS before → peak → after', memoryCell(ours.run), memoryCell(theirs)),
      ...(ctx.storage.databaseUrl
        ? []
        : [
            row(
              'npm start process tree RSS after (npm, sh, server)',
              mb(ours.run.memory.treeAfter),
              `${mb(theirs.memory.treeAfter)} (node only)`,
            ),
          ]),
      row('updates stored vs applied', storedCell, 'n/a (no storage)'),
    ];
  },
};

const count = (n: number) => n.toLocaleString('en');
const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const perSecond = (run: RunResult) => (run.applied / run.seconds).toFixed(0);
const memoryCell = (run: RunResult) =>
  `${mb(run.memory.before)} → ${mb(run.memory.peak)} → ${mb(run.memory.after)}`;

function errorCell(run: RunResult): string {
  const parts = [
    [run.errors.sockets, 'socket'],
    [run.errors.rest.length, 'REST'],
    [run.errors.undelivered, 'undelivered'],
    [run.errors.rejected, 'not applied'],
  ] as const;
  const total = parts.reduce((sum, [n]) => sum + n, 0);
  if (total === 0) return '0';
  return `${total} (${parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')})`;
}

const sleep = (millis: number) => new Promise((r) => setTimeout(r, Math.max(0, millis)));
const between = (random: () => number, range: { min: number; max: number }) =>
  range.min + random() * (range.max - range.min);

const login = (api: string, account: { email: string; password: string }) =>
  apiJson<{ token: string }>(api, 'POST', '/api/auth/login', account).then((r) => r.token);

// ---------------------------------------------------------------------------------------------
// Selaras

/** Counts the rows inserted into document_updates per document, whatever compaction later folds. */
const COUNTER_SQL = [
  'CREATE TABLE IF NOT EXISTS bench_load_inserted (document_id uuid NOT NULL, rows bigint NOT NULL)',
  `CREATE OR REPLACE FUNCTION bench_load_count() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO bench_load_inserted SELECT document_id, count(*) FROM inserted GROUP BY document_id;
     RETURN NULL;
   END $$`,
  'DROP TRIGGER IF EXISTS bench_load_count ON document_updates',
  `CREATE TRIGGER bench_load_count AFTER INSERT ON document_updates
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION bench_load_count()`,
];
const DROP_COUNTER_SQL = [
  'DROP TRIGGER IF EXISTS bench_load_count ON document_updates',
  'DROP FUNCTION IF EXISTS bench_load_count()',
  'DROP TABLE IF EXISTS bench_load_inserted',
];

async function withDb<T>(ctx: BenchContext, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(ctx.storage);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function selaras(ctx: BenchContext) {
  ctx.progress('load: selaras, creating accounts and documents');
  // On the embedded engine the server runs as a newcomer runs it, under `npm start`, and the
  // memory of that whole process tree is reported too.
  const npm = !ctx.storage.databaseUrl;
  let target = await startSelaras(ctx.storage);
  let ids: string[];
  try {
    ids = await prepare(target);
  } finally {
    await target.stop();
  }
  // The server is stopped, so the embedded engine's directory can be opened here too; the
  // restart also gives a baseline with nothing loaded.
  await withDb(ctx, async (db) => {
    for (const sql of COUNTER_SQL) await db.query(sql);
  });
  try {
    target = await startSelaras(ctx.storage, { npm });
    let run: RunResult;
    try {
      const drafters = await Promise.all(ids.map((_, i) => login(target.api, drafter(i))));
      const reader = await login(target.api, READER);
      const wsBase = target.api.replace(/^http/, 'ws');
      run = await drive(target, ctx, {
        ids,
        socketUrl: (id) => `${wsBase}/collab/${id}?token=${drafters[ids.indexOf(id)]}`,
        rest: { api: target.api, token: reader },
      });
      const metrics = await fetch(`${target.api}/metrics`).then((r) => r.text());
      const metric = (name: string) =>
        new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? '?';
      ctx.progress(
        `load: selaras /metrics: applied ${metric('selaras_applied_updates_total')}, stored ${metric('selaras_stored_updates_total')}, rejected ${metric('selaras_rejected_updates_total')}`,
      );
    } finally {
      // Stopping writes whatever is still queued.
      await target.stop();
    }
    const stored = await withDb(ctx, (db) => checkStored(db, ids, run.finalStates));
    ctx.progress(
      `load: selaras stored ${stored.rows} rows for ${run.applied} applied keystrokes; stored state ${stored.sameState ? 'equals' : 'DIFFERS FROM'} the editors’`,
    );
    return { run, stored };
  } finally {
    await withDb(ctx, async (db) => {
      for (const sql of DROP_COUNTER_SQL) await db.query(sql);
    }).catch(() => undefined);
  }
}

/** Agencies, a drafter and a reviewer, and the documents (each with a first revision). */
async function prepare(target: Target & { token: string; api: string }): Promise<string[]> {
  const { api, token: admin } = target;
  for (const code of [...AGENCIES.parties, AGENCIES.reviewer])
    await apiJson(api, 'POST', '/api/agencies', { code, name: `Instansi ${code}` }, admin);
  for (let i = 0; i < DOCUMENTS; i++) {
    await apiJson(
      api,
      'POST',
      '/api/users',
      { ...drafter(i), name: `Perancang Beban ${i}`, role: 'drafter', agency: AGENCIES.parties[0] },
      admin,
    );
  }
  await apiJson(
    api,
    'POST',
    '/api/users',
    { ...READER, name: 'Pembaca Beban', role: 'reviewer', agency: AGENCIES.reviewer },
    admin,
  );
  const author = await login(api, drafter(0));
  const ids: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const { id } = await apiJson<{ id: string }>(
      api,
      'POST',
      '/api/documents',
      {
        title: `Nota kesepakatan beban ${i + 1}`,
        parties: AGENCIES.parties,
        reviewers: [AGENCIES.reviewer],
      },
      author,
    );
    await apiJson(api, 'POST', `/api/documents/${id}/revisions`, { label: 'Draf awal' }, author);
    ids.push(id);
  }
  return ids;
}

/**
 * What PostgreSQL holds after the run: the rows the counting trigger saw inserted for the
 * documents, and whether each document loaded fresh (snapshot plus remaining updates) has the
 * editors' final state.
 */
async function checkStored(db: Db, ids: string[], finalStates: Map<string, FinalState>) {
  const { rows } = await db.query<{ n: string }>(
    'SELECT coalesce(sum(rows), 0)::text AS n FROM bench_load_inserted WHERE document_id = ANY($1::uuid[])',
    [ids],
  );
  let sameState = true;
  for (const id of ids) {
    const stored = await loadStoredDocument(db, id);
    const doc = buildDoc(
      stored?.snapshot,
      (stored?.updates ?? []).map((u) => u.update),
    );
    const expected = finalStates.get(id);
    if (!expected || !sameFinalState(finalState(doc), expected)) sameState = false;
    doc.destroy();
  }
  return { rows: Number(rows[0].n), sameState };
}

// ---------------------------------------------------------------------------------------------
// Reference

async function reference(ctx: BenchContext) {
  const target = await startReference();
  try {
    const ids = await Promise.all(Array.from({ length: DOCUMENTS }, () => target.newDocument()));
    return await drive(target, ctx, { ids, socketUrl: (id) => target.socketUrl(id) });
  } finally {
    await target.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The run, the same for both servers

interface FinalState {
  /** The state vector, client id → clock. */
  vector: Map<number, number>;
  /** Every paragraph's content. */
  text: string;
}

function finalState(doc: Y.Doc): FinalState {
  return {
    vector: Y.decodeStateVector(Y.encodeStateVector(doc)),
    text: paragraphTexts(doc)
      .map((t) => t.toString())
      .join('\n'),
  };
}

function sameFinalState(a: FinalState, b: FinalState): boolean {
  if (a.text !== b.text || a.vector.size !== b.vector.size) return false;
  for (const [client, clock] of a.vector) if (b.vector.get(client) !== clock) return false;
  return true;
}

interface RunResult {
  /** Fan-out latency samples: one per keystroke and other editor of its document. */
  fanout: number[];
  /** REST latency samples, one per request. */
  rest: number[];
  /** Keystrokes that reached at least one other editor (so the server applied and relayed them). */
  applied: number;
  /** Keystrokes typed. */
  typed: number;
  seconds: number;
  errors: {
    /** Editors whose socket failed or closed before the bench closed it. */
    sockets: number;
    /** Failed requests: a non-2xx status or a network error. */
    rest: string[];
    /** Keystroke deliveries missing at some other editor once everything had time to arrive. */
    undelivered: number;
    /** Keystrokes no other editor ever received. */
    rejected: number;
  };
  /** The server's CPU time over the run divided by the run's wall time. */
  cpu: number;
  memory: { before: number; peak: number; after: number; treeAfter: number };
  /** Each document's state with every editor's keystrokes merged. */
  finalStates: Map<string, FinalState>;
}

/** One editor: its own copy of the document to type into, and a socket. */
interface Editor {
  /** Its socket: it keeps no doc, so what it receives is only timestamped, never applied. */
  socket: BenchClient;
  doc: Y.Doc;
  /** When each of the editor's keystrokes (its Yjs clock) was typed, performance.now(). */
  sentAt: number[];
  /** How far this editor has received each other editor's keystrokes: client id → clock. */
  received: Map<number, number>;
}

let clockTicks: number | undefined;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  clockTicks ??= (() => {
    try {
      return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      return 100;
    }
  })();
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Busy and total CPU time of the whole machine so far, in clock ticks, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((sum, n) => sum + (n || 0), 0);
  // idle and iowait
  return { busy: total - cpu[3] - (cpu[4] || 0), total };
}

async function sampleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(300);
    samples.push(rss(pid));
  }
  return median(samples);
}

/** The document as the server holds it before the run, fetched (or, for the reference, uploaded) by one client. */
async function seed(target: Target, ctx: BenchContext, url: string) {
  const doc = new Y.Doc();
  // The reference server starts empty: this client brings the template along.
  if (target.kind === 'reference') Y.applyUpdate(doc, ctx.templateState);
  const client = await BenchClient.connect(url, { doc });
  await until(() => client.synced && paragraphTexts(doc).length > 0, 'the seed’s sync', 60_000);
  return { state: Y.encodeStateAsUpdate(doc), client };
}

async function drive(
  target: Target,
  ctx: BenchContext,
  options: {
    ids: string[];
    socketUrl: (id: string) => string;
    rest?: { api: string; token: string };
  },
): Promise<RunResult> {
  const { ids } = options;
  await sleep(SETTLE_MS);
  const before = await sampleRss(target.pid);
  let peak = before;
  const peakTimer = setInterval(() => {
    try {
      peak = Math.max(peak, rss(target.pid));
    } catch {
      // the process is gone; the run will fail elsewhere
    }
  }, 250);

  ctx.progress(`load: ${target.kind}, connecting ${ids.length * EDITORS_PER_DOCUMENT} editors`);
  const fanout: number[] = [];
  const byDocument = new Map<string, Editor[]>();
  const all: Editor[] = [];
  try {
    for (const id of ids) {
      const url = options.socketUrl(id);
      // The seed stays connected until the editors are, so the room stays open meanwhile.
      const { state, client } = await seed(target, ctx, url);
      const editors = await Promise.all(
        Array.from({ length: EDITORS_PER_DOCUMENT }, async (): Promise<Editor> => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, state);
          const socket = await BenchClient.connect(url, { stateVector: Y.encodeStateVector(doc) });
          return { socket, doc, sentAt: [], received: new Map() };
        }),
      );
      await until(() => editors.every((e) => e.socket.synced), 'the editors’ sync', 60_000);
      await client.close();
      byDocument.set(id, editors);
      all.push(...editors);
    }

    // Each frame an editor receives gives one sample per keystroke of another editor in it.
    for (const editors of byDocument.values()) {
      const byClient = new Map(editors.map((e) => [e.doc.clientID, e]));
      for (const editor of editors) {
        editor.socket.onUpdate = (at, update) => {
          const { from, to } = Y.parseUpdateMeta(update);
          for (const [clientId, end] of to) {
            const sender = byClient.get(clientId);
            if (!sender || sender === editor) continue;
            const reached = editor.received.get(clientId) ?? 0;
            for (let clock = Math.max(from.get(clientId) ?? 0, reached); clock < end; clock++)
              fanout.push(at - sender.sentAt[clock]);
            if (end > reached) editor.received.set(clientId, end);
          }
        };
      }
    }

    ctx.progress(
      `load: ${target.kind}, typing for ${SECONDS} s${options.rest ? ` with ${READERS} readers` : ''}`,
    );
    const rest: number[] = [];
    const restErrors: string[] = [];
    let stopped = false;
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    const benchCpu = process.cpuUsage();
    const cpuBefore = cpuSeconds(target.pid);
    const machineBefore = machineTicks();
    const started = performance.now();

    const typists = all.map((editor, i) => type(editor, i + 1, () => stopped));
    const readers = options.rest ? startReaders({ ...options.rest, ids }) : undefined;
    await sleep(SECONDS * 1000);
    stopped = true;
    const seconds = (performance.now() - started) / 1000;
    const cpu = (cpuSeconds(target.pid) - cpuBefore) / seconds;
    const bench = process.cpuUsage(benchCpu);
    const machineAfter = machineTicks();
    await Promise.all(typists);
    if (readers) {
      const report = await readers.stop();
      rest.push(...report.latencies);
      restErrors.push(...report.errors);
    }
    const machineBusy =
      (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
    loopDelay.disable();
    // The histogram holds whole timer intervals: the delay is what exceeds the resolution.
    const lag = (nanos: number) => `${(nanos / 1e6 - LOOP_RESOLUTION_MS).toFixed(1)} ms`;
    // The bench process's CPU includes the readers' worker thread.
    ctx.progress(
      `load: ${target.kind}, bench process: ${(((bench.user + bench.system) / 1e6 / seconds) * 100).toFixed(0)} % of one core (the machine's ${os.cpus().length} cores were ${(machineBusy * 100).toFixed(0)} % busy), event-loop delay p50 ${lag(loopDelay.percentile(50))}, p99 ${lag(loopDelay.percentile(99))}, max ${lag(loopDelay.max)}`,
    );

    // Let what is in flight arrive, then check every editor has every other's keystrokes.
    const missing = () => {
      let n = 0;
      for (const editors of byDocument.values())
        for (const receiver of editors)
          for (const sender of editors)
            if (sender !== receiver)
              n += sender.sentAt.length - (receiver.received.get(sender.doc.clientID) ?? 0);
      return n;
    };
    await until(() => missing() === 0, 'every keystroke to arrive', 15_000).catch(() => undefined);
    const typed = all.reduce((sum, e) => sum + e.sentAt.length, 0);
    let applied = 0;
    for (const editors of byDocument.values())
      for (const sender of editors)
        applied += Math.max(
          ...editors
            .filter((e) => e !== sender)
            .map((e) => e.received.get(sender.doc.clientID) ?? 0),
        );
    const sockets = all.filter((e) => e.socket.failed || !e.socket.open).length;
    if (restErrors.length > 0)
      ctx.progress(
        `load: ${target.kind}, REST errors: ${[...new Set(restErrors)].slice(0, 5).join('; ')}`,
      );

    // What the server should hold: every editor's keystrokes merged.
    const finalStates = new Map<string, FinalState>();
    for (const [id, editors] of byDocument) {
      const merged = new Y.Doc();
      Y.applyUpdate(merged, Y.mergeUpdates(editors.map((e) => Y.encodeStateAsUpdate(e.doc))));
      finalStates.set(id, finalState(merged));
      merged.destroy();
    }

    await Promise.all(all.map((e) => e.socket.close()));
    for (const e of all) e.doc.destroy();
    await sleep(SETTLE_MS);
    const after = await sampleRss(target.pid);
    const treeAfter = treeRss(target.tree());
    return {
      fanout,
      rest,
      applied,
      typed,
      seconds,
      errors: {
        sockets,
        rest: restErrors,
        undelivered: missing(),
        rejected: typed - applied,
      },
      cpu,
      memory: { before, peak, after, treeAfter },
      finalStates,
    };
  } finally {
    clearInterval(peakTimer);
    await Promise.all(all.map((e) => e.socket.close()));
  }
}

/**
 * Types one character at a time into the editor's copy until `stopped`, mostly continuing at its
 * cursor, and sends each keystroke as one update.
 */
async function type(editor: Editor, seed: number, stopped: () => boolean): Promise<void> {
  const random = seededRandom(seed * 7_919);
  const { doc, socket } = editor;
  const texts = paragraphTexts(doc);
  let text = texts[0];
  let cursor: Y.RelativePosition | undefined;
  // Keystrokes are scheduled on the clock, so a late timer does not slow the typing down.
  let next = performance.now() + random() * KEYSTROKE_MS.max;
  for (;;) {
    await sleep(next - performance.now());
    if (stopped()) return;
    let index = -1;
    if (cursor && random() >= JUMP_CHANCE) {
      const at = Y.createAbsolutePositionFromRelativePosition(cursor, doc);
      if (at && at.type === text) index = at.index;
    }
    if (index < 0) {
      text = texts[Math.floor(random() * texts.length)];
      index = Math.floor(random() * (text.length + 1));
    }
    const clock = Y.getState(doc.store, doc.clientID);
    const vector = Y.encodeStateVector(doc);
    editor.sentAt[clock] = performance.now();
    text.insert(index, random() < 0.17 ? ' ' : String.fromCharCode(97 + Math.floor(random() * 26)));
    if (Y.getState(doc.store, doc.clientID) !== clock + 1)
      throw new Error('bench: a keystroke took more than one Yjs clock');
    if (socket.open) socket.sendUpdate(Y.encodeStateAsUpdate(doc, vector));
    cursor = Y.createRelativePositionFromTypeIndex(text, index + 1);
    next += between(random, KEYSTROKE_MS);
  }
}

/**
 * Starts the REST readers in a worker thread (bench/restReaders.ts), so their requests do not
 * delay the fan-out timestamps taken on this event loop; `stop` ends them and returns what they
 * measured.
 */
function startReaders(task: Omit<ReadersTask, 'readers' | 'pollMs'>): {
  stop(): Promise<ReadersReport>;
} {
  // The bench runs under tsx; a worker needs its TypeScript hook registered too.
  const file = path.join(__dirname, '..', 'restReaders.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: { ...task, readers: READERS, pollMs: POLL_MS } satisfies ReadersTask,
  });
  const report = new Promise<ReadersReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      try {
        return await report;
      } finally {
        await worker.terminate();
      }
    },
  };
}
