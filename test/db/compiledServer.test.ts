import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { connectClient, paragraphText, typeInto, waitFor } from '../collab/clients';
import { apiClient } from '../support/factories';
import { freePort, stopProcess } from '../support/process';

// `npm start` builds the server ahead of time and runs `node dist/server/main.js` (no run-time
// transpiler). This starts exactly that, on a fresh embedded data directory like a newcomer's
// first start, and checks what the tsx-run server did: initdb and migrations, the demo seed and
// its printed logins, sign-in, the collaboration socket, and exports rendered in the worker
// thread, whose entry in dist must be the compiled one (no tsx in the process).

const ROOT = path.resolve(__dirname, '../..');
const ADMIN = { email: 'admin@compiled.test', password: 'kata-sandi-admin-compiled-1' };

jest.setTimeout(240_000);

let child: ChildProcess;
let output = '';
let url = '';
let dataDir = '';

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-compiled-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: 'pipe',
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'the compiled server',
    180_000,
  );
});

afterAll(async () => {
  if (child) await stopProcess(child, 'SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('runs compiled JavaScript only: no tsx loader in the server or its worker entries', () => {
  const worker = readFileSync(path.join(ROOT, 'dist/server/offThreadEntry.cjs'), 'utf8');
  expect(worker).not.toMatch(/tsx/);
  expect(worker).toMatch(/runJob/);
  // The embedded engine's thread, which served every query of this (embedded) server.
  const embedded = readFileSync(path.join(ROOT, 'dist/server/embeddedEntry.cjs'), 'utf8');
  expect(embedded).not.toMatch(/tsx/);
  expect(embedded).toMatch(/serveEmbedded/);
  expect(readFileSync(path.join(ROOT, 'dist/server/main.js'), 'utf8')).not.toMatch(/tsx\/cjs/);
});

test('seeds the demo on a fresh embedded directory and prints its logins once', () => {
  expect(output).toContain('Ruang kerja demo dibuat');
  const logins = readFileSync(path.join(dataDir, 'demo-logins.txt'), 'utf8');
  expect(logins).toContain('perancang@selaras.test');
});

test('a demo drafter signs in, edits live over the socket, cuts a revision and exports it', async () => {
  const call = apiClient(url);
  const logins = readFileSync(path.join(dataDir, 'demo-logins.txt'), 'utf8');
  const password = /perancang@selaras\.test\s+(\S+)/.exec(logins)![1];
  const login = await call<{ token: string }>('POST', '/api/auth/login', {
    body: { email: 'perancang@selaras.test', password },
  });
  expect(login.status).toBe(200);
  const token = login.body.token;
  const list = await call<{ id: string; title: string }[]>('GET', '/api/documents', { token });
  expect(list.status).toBe(200);
  const documentId = list.body[0].id;

  const writer = await connectClient({ url }, documentId, token);
  const reader = await connectClient({ url }, documentId, token, new Y.Doc());
  try {
    typeInto(writer.doc, 0, 'Kompilasi ');
    await waitFor(
      () => paragraphText(reader.doc, 0).toString().includes('Kompilasi'),
      'the edit reaching the second client',
    );
  } finally {
    writer.destroy();
    reader.destroy();
  }

  const revision = await call('POST', `/api/documents/${documentId}/revisions`, {
    token,
    body: {},
  });
  expect(revision.status).toBe(201);
  const docx = await fetch(`${url}/api/documents/${documentId}/export.docx`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(docx.status).toBe(200);
  expect(
    Buffer.from(await docx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const pdf = await fetch(`${url}/api/documents/${documentId}/export.pdf`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(pdf.status).toBe(200);
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
