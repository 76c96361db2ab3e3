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

/** Every scenario, in the order they run; add new ones here. */
const SCENARIOS: Scenario[] = [fanout, memory, coldLoad];

/** Runs every scenario against Selaras and the reference y-websocket server, prints the table and writes bench/RESULTS.md. */
async function main() {
  const started = Date.now();
  const load = os.loadavg()[0];
  const { storage, description, cleanup } = await benchStorage();
  const progress = (message: string) =>
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
  progress(`Selaras storage: ${description}`);
  const rows: ResultRow[] = [];
  try {
    const ctx = { storage, templateState: benchTemplateState(), progress };
    // `npm run bench -- fan-out memory` runs only the named scenarios.
    const only = process.argv.slice(2);
    for (const scenario of SCENARIOS) {
      if (only.length === 0 || only.includes(scenario.name))
        rows.push(...(await scenario.run(ctx)));
    }
  } finally {
    await cleanup();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`\n${textTable(rows)}\n\n(${seconds} s)\n`);
  if (process.argv.length <= 2)
    writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), results(rows, description, seconds, load));
}

function results(rows: ResultRow[], storage: string, seconds: number, load: number): string {
  const cpus = os.cpus();
  return `# Benchmark results

Produced by \`npm run bench\` (\`tsx bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)}, in ${seconds} s.

${markdownTable(rows)}

## Machine

- ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()}
- Node ${process.version}
- Load average when the run started: ${load.toFixed(2)} (the machine is shared; runs vary by a few
  milliseconds at p95/p99, which is why the two servers' keystrokes alternate)
- Selaras storage: ${storage}

## How it is measured

- Both servers run as child processes of the bench on this machine; the clients share one bench
  process (a lean client speaking the y-websocket protocol by hand, see \`bench/client.ts\`), so
  latencies include the bench's own event loop delivering every frame, the same for both servers.
- **Fan-out**: one client types one character every 15 ms into a clause of a document holding the
  nota kesepakatan template; a sample is the time from the keystroke until another client has
  the update frame. 20 warm-up keystrokes are not counted. Selaras authenticates every socket,
  checks roles, and stores every update in its database during the run; the reference server
  keeps documents in memory only.
- **Memory**: 500 documents holding the template, two clients each (one keeping a copy, one not);
  resident memory (VmRSS) of the server process after they connected minus before, divided by
  500, each the median of three samples after a 3 s pause.
- **Cold load**: a document whose template snapshot is followed by 20,000 stored one-character
  updates (bursts of typing at random places), nothing of it in memory; the time from opening the
  socket until the client holds the last keystroke. Selaras reads PostgreSQL and applies the
  updates in one Yjs transaction; the reference server reads LevelDB through y-leveldb (its own
  persistence, \`YPERSISTENCE\`). Both compact a long document when they load it; the reopen row
  is the same document after its room unloaded.
- The reference is \`@y/websocket-server@0.1.1\` (\`node node_modules/@y/websocket-server/src/server.js\`);
  later versions need Yjs 14 prereleases.
`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
