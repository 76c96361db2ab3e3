// Bundles the web client into dist/client with esbuild; run by `npm run build` (and before
// `npm start`) and by the browser tests. Every output file is written to a temporary name and
// renamed into place, so a server reading dist/client never serves a half-written file even
// while another test worker rebuilds it.
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../dist/client');

async function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

/** Builds the client bundle, its stylesheet and its page into dist/client. */
export async function buildClient() {
  await mkdir(out, { recursive: true });
  const result = await build({
    entryPoints: [path.join(here, 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(out, 'app.js'),
    minify: process.env.NODE_ENV === 'production',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  const files = result.outputFiles.map((f) => writeAtomically(f.path, f.contents));
  for (const name of ['index.html', 'styles.css', 'favicon.svg']) {
    files.push(
      readFile(path.join(here, name)).then((data) => writeAtomically(path.join(out, name), data)),
    );
  }
  await Promise.all(files);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildClient();
}
