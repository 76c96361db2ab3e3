// Bundles the web client into dist/client with esbuild; run by `npm run build` (and before `npm start`).
import { build } from 'esbuild';
import { mkdir, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../dist/client');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'main.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outfile: path.join(out, 'app.js'),
  minify: process.env.NODE_ENV === 'production',
  sourcemap: true,
  logLevel: 'warning',
});
await copyFile(path.join(here, 'index.html'), path.join(out, 'index.html'));
await copyFile(path.join(here, 'styles.css'), path.join(out, 'styles.css'));
