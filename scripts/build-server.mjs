// Compiles the server ahead of time into dist/server with esbuild; run by `npm run build` (and so
// before `npm start`). A run-time transpiler (tsx) kept its own compiler, caches and the source
// of every module resident for the life of the process; the compiled server is plain JavaScript.
// Two outputs, both CommonJS with the packages left to node_modules:
// - dist/server/main.js: the server (server/main.ts and everything it imports);
// - dist/server/offThreadEntry.cjs: the export/import worker thread's entry with its job table
//   compiled in. offThread.ts starts `offThreadEntry.cjs` beside itself, so from dist it finds
//   this one, and from the sources (tests, tsx) the one in server/exports that registers tsx;
// - dist/server/embeddedEntry.cjs: the embedded engine's worker thread, found the same way by
//   server/db/embedded.ts.
// Each file is written to a temporary name and renamed into place, so a server starting while
// another build runs never reads half a file.
import { build } from 'esbuild';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/server');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
  absWorkingDir: root,
};

// The worker's loop, as in server/exports/offThreadEntry.cjs but importing the jobs directly.
const WORKER_ENTRY = `
import { parentPort } from 'node:worker_threads';
import { runJob, WORKER_READY } from './offThreadJobs';
parentPort.on('message', ({ name, input }) => {
  runJob(name, input).then((message) => parentPort.postMessage(message));
});
parentPort.postMessage(WORKER_READY);
`;

async function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

// The embedded engine's worker, as in server/db/embeddedEntry.cjs.
const EMBEDDED_ENTRY = `
import { serveFromWorker } from './embeddedWorker';
serveFromWorker();
`;

/** Builds dist/server/main.js and the two worker entries beside it. */
export async function buildServer() {
  await mkdir(out, { recursive: true });
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'server/main.ts')],
      outfile: path.join(out, 'main.js'),
    }),
    build({
      ...common,
      stdin: {
        contents: WORKER_ENTRY,
        loader: 'ts',
        resolveDir: path.join(root, 'server/exports'),
        sourcefile: 'offThreadWorker.ts',
      },
      outfile: path.join(out, 'offThreadEntry.cjs'),
    }),
    build({
      ...common,
      stdin: {
        contents: EMBEDDED_ENTRY,
        loader: 'ts',
        resolveDir: path.join(root, 'server/db'),
        sourcefile: 'embeddedWorkerEntry.ts',
      },
      outfile: path.join(out, 'embeddedEntry.cjs'),
    }),
  ]);
  await Promise.all(
    results.flatMap((r) => r.outputFiles.map((f) => writeAtomically(f.path, f.contents))),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
