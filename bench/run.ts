import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { benchStorage } from './storage';
import { benchTemplateState, type Scenario } from './scenario';
import { markdownTable, textTable, type ResultRow } from './table';
import { ROOT } from './targets';
import { fanout } from './scenarios/fanout';
import { memory } from './scenarios/memory';
import { coldLoad } from './scenarios/coldload';
import { load } from './scenarios/load';
import { crossInstance } from './scenarios/crossinstance';
import { clauseDiff } from './scenarios/clausediff';
import { numbering } from './scenarios/numbering';
import { startupMemory } from './scenarios/startupMemory';

/** Every scenario, in the order they run; add new ones here. */
const SCENARIOS: Scenario[] = [
  fanout,
  memory,
  coldLoad,
  load,
  crossInstance,
  clauseDiff,
  numbering,
];
/** The scenarios that run on the embedded engine too (`--embedded`, and in a full run). */
const EMBEDDED: Scenario[] = [startupMemory, fanout, memory, coldLoad, load];

/**
 * Runs the scenarios against Selaras and the reference y-websocket server and prints the table.
 * With no arguments: every scenario on PostgreSQL, then the embedded ones on the embedded
 * engine, and bench/RESULTS.md is rewritten. `npm run bench -- load clause-diff` runs only the
 * named scenarios (on PostgreSQL); `--embedded` runs them (or all embedded ones) on the
 * embedded engine only.
 */
async function main() {
  const started = Date.now();
  const load = os.loadavg();
  const args = process.argv.slice(2);
  const embeddedOnly = args.includes('--embedded');
  const only = args.filter((a) => a !== '--embedded');
  const full = args.length === 0;
  const progress = (message: string) =>
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
  const rows: ResultRow[] = [];
  const engines: string[] = [];
  const pick = (list: Scenario[]) => list.filter((s) => only.length === 0 || only.includes(s.name));
  const pass = async (embedded: boolean, scenarios: Scenario[], label: string) => {
    const { storage, description, cleanup } = await benchStorage({ embedded });
    progress(`Selaras storage: ${description}`);
    engines.push(description);
    try {
      const ctx = { storage, templateState: benchTemplateState(), progress };
      for (const scenario of scenarios) {
        // The PostgreSQL pass fell back to the embedded engine: its embedded-only rows too.
        if (scenario === startupMemory && storage.databaseUrl) continue;
        for (const row of await scenario.run(ctx))
          rows.push({ ...row, scenario: `${label}${row.scenario}` });
      }
      return storage.databaseUrl !== undefined;
    } finally {
      await cleanup();
    }
  };
  if (embeddedOnly) await pass(true, pick(EMBEDDED), '');
  else {
    const onPostgres = await pass(false, pick(SCENARIOS), full ? 'PostgreSQL: ' : '');
    if (full && onPostgres) await pass(true, EMBEDDED, 'embedded: ');
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`\n${textTable(rows)}\n\n(${seconds} s)\n`);
  if (full)
    writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), results(rows, engines, seconds, load));
}

function results(rows: ResultRow[], engines: string[], seconds: number, load: number[]): string {
  const cpus = os.cpus();
  return `# Benchmark results

Produced by one \`npm run bench\` (\`tsx bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)}, in ${seconds} s: every
scenario with Selaras on PostgreSQL (rows \`PostgreSQL:\`), then startup memory, fan-out, memory,
cold load and load on the embedded default (rows \`embedded:\`; \`npm run bench -- --embedded\`
runs these alone). The reference server runs again beside each, in the same run.

${markdownTable(rows)}

## Machine

- ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()}
- Node ${process.version}
- Load average when the run started: ${load.map((l) => l.toFixed(2)).join(', ')} (1, 5 and 15
  minutes; the machine is shared, so runs vary by a few milliseconds at p95/p99, which is why
  the two servers' keystrokes alternate)
- Selaras storage: ${engines.join('; then ')}

## How it is measured

- Both servers run as child processes of the bench on this machine; the clients share one bench
  process (a lean client speaking the y-websocket protocol by hand, see \`bench/client.ts\`), so
  latencies include the bench's own event loop delivering every frame, the same for both servers.
- Selaras runs as \`npm start\` runs it: compiled ahead of time (\`npm run build\` once per bench
  run, then \`node dist/server/main.js\`; on the embedded engine the load scenario and startup
  memory go through \`npm start\` itself). Each account may hold 20 sockets per instance, so the
  bench signs in 60 drafter accounts and its sockets take their tokens in turn.
- **Startup memory** (embedded only): \`npm start\` on a fresh data directory with
  \`SEED_DEMO=1\`, as a newcomer starts it; after it answers and 5 s idle, the resident memory
  (VmRSS) of the whole process tree (npm, its shell, the server; the median of three samples)
  with the server's own in brackets; then \`npm start\` again on the same directory. The
  reference column is the reference server idle (one node process, nothing stored).
- **Fan-out**: one client types one character every 15 ms into a clause of a document holding the
  nota kesepakatan template; a sample is the time from the keystroke until another client has
  the update frame. 20 warm-up keystrokes are not counted. Selaras authenticates every socket,
  checks roles, and stores every update in its database during the run; the reference server
  keeps documents in memory only.
- **Memory**: 500 documents holding the template, two clients each (one keeping a copy, one not);
  resident memory (VmRSS) of the server process after they connected minus before, divided by
  500, each the median of three samples after a 3 s pause.
- **Cold load**: three documents holding the template each receive 20,000 one-character updates
  (bursts of typing at random places) from 20 typists, each its own Yjs client and socket, paced
  under the per-connection rate limit, through the running server: Selaras stores them and
  compacts in the background as they accumulate (past 500 stored updates while open, at unload,
  and by the sweep); the reference stores them in LevelDB through y-leveldb
  (\`storeUpdate\`, which trims as they accumulate too). Then the server restarts (nothing in
  memory) and the time from opening a socket until the client holds every typist's last
  keystroke is measured, the median of the three documents; the reopen row is the same document
  after its room unloaded. The bench prints how many stored updates each document kept past its
  snapshot after the typing, i.e. what a load replays.
- **Load**: 20 documents holding the template with 10 editors each (200 sockets; on Selaras
  one drafter account per document) type for 60 s: each editor types one character every 150–450 ms (about
  3.3/s, 670/s in all) into its own copy of the document, mostly at its cursor (a Yjs relative
  position), jumping to a random place in a clause paragraph one keystroke in twenty, and sends
  each keystroke as one update. To keep the bench process light, editors do not apply what the
  others type (they type among the others' text only as the server merges it); from every frame
  it receives, each reads whose keystrokes it carries (Yjs client and clock). A fan-out sample is
  the time from a keystroke until one of the nine other editors of its document has the frame
  (every keystroke × every receiver). Meanwhile 50 REST readers (one reviewer account, bearer
  token) each poll \`GET /api/documents\`, \`/api/documents/:id/clauses\` and
  \`/api/documents/:id/revisions\` one after another every 0.8–1.2 s; a REST sample is one
  request until its body is read. The readers run in a worker thread of the bench, so their
  requests are not handled on the event loop that timestamps fan-out (the bench process's CPU
  includes them). \`BENCH_LOAD_READERS=0 npm run bench -- load\` runs the editors alone, to
  tell the editing path's cost from the readers'. The reference server gets the same editors only (it has no
  REST API and no storage), so Selaras's fan-out also pays for serving the readers and writing
  PostgreSQL, on the same cores as the bench and PostgreSQL. **Errors** add sockets that
  failed or were closed by the server, requests that failed or answered non-2xx, keystrokes some
  other editor still lacked 15 s after the typing stopped, and keystrokes no other editor
  received. **CPU** is the server process's user + system time (\`/proc/<pid>/stat\`) over the
  typing divided by its wall time; **RSS** is VmRSS before the editors connected (Selaras
  restarted after the setup, nothing loaded), the highest of samples every 250 ms, and 3 s after
  they left; on the embedded engine also the whole \`npm start\` process tree's RSS 3 s after
  they left (npm, its shell and the server; the reference column is its one node process).
  **Stored vs applied**: applied counts keystrokes that reached another editor (so the
  server accepted and relayed them); stored counts rows inserted into \`document_updates\` for
  these documents during the run, by a statement trigger the bench adds to its own database for
  this scenario (compaction folds rows into the snapshot and deletes them, so counting the table
  afterwards would show fewer), read after the server stopped and so wrote all it had queued.
  The row also requires each document loaded fresh from PostgreSQL (snapshot plus remaining
  updates) to equal the merge of its editors' copies in text and state vector, else it says
  "stored state differs".
- **Cross-instance**: two Selaras processes on the bench's database with \`REDIS_URL\` (Redis at
  127.0.0.1:6379, or \`BENCH_REDIS_URL\`; without it or PostgreSQL the row says "skipped") and a
  \`REDIS_PREFIX\` of their own for the run, started one after the other (the second finds the
  admin and agencies already there). Measured as fan-out with 50 receivers, 400 keystrokes after
  the warm-up: the writer on instance 1 and the readers on instance 2, so every keystroke goes
  through Redis and instance 2 relays it; and, on another document in turn with it, writer and
  readers all on instance 1 (it still publishes every update to Redis, but no other instance
  holds the document). The reference server cannot run as several instances, so the
  two-instance rows have no counterpart; the one-instance rows compare with the reference server
  given the same writer and 50 readers, typing in the same turns. All processes share the
  machine's cores with the bench, PostgreSQL and Redis.
- **Clause diff**: \`diffClauses\` (\`shared/clauseDiff.ts\`, what the revision diff and the
  sign-off staleness use) on two revisions of a 300-clause nota kesepakatan built from the
  template's ten clauses (each about a field of government and naming a reviewing unit, some
  550 characters, in 4 ayat, the first leading a list of three \`a.\` items with two \`1.\`
  items nested under one, numbered as \`shared/numbering.ts\` prints them): of 100 modified
  clauses, one in four gets a new first list item (every item after it renumbered, which the
  bench checks shows no deletion) and the others one to three word edits (a word replaced, a
  phrase inserted, a word deleted); 10 are removed, 10 moved and 10 added, from a fixed seed.
  The cold row is the first call in the bench process, one of 5 uncounted warm-up calls; 50
  timed calls follow (\`performance.now()\` around the call, in the bench process). Pure
  computation: no reference.
- **Numbering**: \`printedText\` (\`shared/canonicalText.ts\`: every number derived by
  \`shared/numbering.ts\` and the whole naskah rendered, as \`GET .../text\`, the revision cut
  and the final hash do) on one ProseMirror document: the template's pembukaan and penutup
  around 300 Pasal of 4 ayat each, the first leading three \`a.\` items with two \`1.\` items
  nested under the second (parsed once from the plain form, not timed). Cold row, 5 warm-up and
  50 timed calls as for the clause diff; the bench checks every Pasal printed \`(4)\` and
  \`2.\`. Pure computation: no reference.
- The reference is \`@y/websocket-server@0.1.1\` (\`node node_modules/@y/websocket-server/src/server.js\`);
  later versions need Yjs 14 prereleases.
`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
