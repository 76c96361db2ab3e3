import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_CLAUSES, MAX_DOCX_PARAGRAPHS, MAX_DOCX_XML_ELEMENTS } from '../../shared/limits';
import { createTestDb, testDatabaseUrl, type TestDb } from '../support/db';
import { apiClient } from '../support/factories';
import {
  freePort,
  seedDocument,
  spawnServer,
  SPAWNED_ADMIN,
  stopProcess,
  type SpawnedServer,
} from '../support/process';
import { documentXml, paragraphs, repeated, zip64Decoy, zipOf } from '../support/zip';

// The server runs as a process of its own (`node --import tsx server/main.ts`, as `npm start`
// runs it), so its memory can be read from /proc and a crash would show as a dead process.

const MiB = 1024 * 1024;
/** Peak resident memory allowed to the whole server process while it refuses hostile input. */
const MEMORY_BOUND_MB = 1024;

let server: SpawnedServer;
let testDb: TestDb | undefined;
let dataDir: string;
let call: ReturnType<typeof apiClient>;
let seeded: Awaited<ReturnType<typeof seedDocument>>;

beforeAll(async () => {
  testDb = testDatabaseUrl() ? await createTestDb() : undefined;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'selaras-bounded-'));
  server = await spawnServer(
    {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: testDb?.url ?? '',
      ADMIN_EMAIL: SPAWNED_ADMIN.email,
      ADMIN_PASSWORD: SPAWNED_ADMIN.password,
    },
    150_000,
  );
  call = apiClient(server.url);
  seeded = await seedDocument(server.url, 'Uji batas', 1);
}, 180_000);

afterAll(async () => {
  await stopProcess(server.child);
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The server process's resident memory now and at its peak, in MB (from /proc). */
function memoryMb(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * `GET /healthz`, tried again once when a kept-alive socket was closed by the server just as
 * fetch reused it (a race of keep-alive timers, not an answer of the server).
 */
async function healthz(): Promise<Response> {
  try {
    return await fetch(`${server.url}/healthz`);
  } catch {
    return fetch(`${server.url}/healthz`);
  }
}

/** Runs `work` while another user calls `GET /healthz` back to back; returns the slowest call. */
async function whileOthersCall<T>(
  work: () => Promise<T>,
): Promise<{ outcome: T; slowestMs: number }> {
  let slowest = 0;
  let running = true;
  const other = (async () => {
    while (running) {
      const started = performance.now();
      const res = await healthz();
      await res.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { outcome: await work(), slowestMs: slowest };
  } finally {
    running = false;
    await other;
  }
}

function upload(name: string, file: Buffer) {
  const form = new FormData();
  form.set('parties', 'PIHAK-A,PIHAK-B');
  form.set('file', new Blob([new Uint8Array(file)]), name);
  return fetch(`${server.url}/api/documents/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.adminToken}` },
    body: form,
  });
}

const documentCount = async () =>
  (await call<unknown[]>('GET', '/api/documents', { token: seeded.adminToken })).body.length;

const docx = (body: string | Buffer) =>
  zipOf([{ name: 'word/document.xml', data: documentXml(body) }]);

const HOSTILE: [string, () => Buffer][] = [
  ['a ZIP64 decoy directory hiding a 70 MiB document.xml', zip64Decoy],
  ['60 MiB of empty paragraphs', () => docx(repeated('<w:p/>', 60 * MiB))],
  [
    `${MAX_DOCX_PARAGRAPHS + 10} paragraphs`,
    () => docx(repeated('<w:p/>', 6 * (MAX_DOCX_PARAGRAPHS + 10))),
  ],
  [
    `${MAX_DOCX_XML_ELEMENTS + 10} runs in one paragraph`,
    () => docx(`<w:p>${repeated('<w:r/>', 6 * (MAX_DOCX_XML_ELEMENTS + 10))}</w:p>`),
  ],
  [
    '7 MiB of text in one paragraph',
    () => docx(`<w:p><w:r><w:t>${repeated('kata ', 7 * MiB)}</w:t></w:r></w:p>`),
  ],
  [
    `${MAX_CLAUSES + 1} Pasal`,
    () =>
      docx(
        paragraphs(
          Array.from({ length: MAX_CLAUSES + 1 }, (_, i) => [
            `Pasal ${i + 1}`,
            'Judul',
            'Isi.',
          ]).flat(),
        ),
      ),
  ],
  ['an 80 MiB zip bomb', () => docx(Buffer.alloc(80 * MiB))],
];

describe('bounded requests on a running server', () => {
  it('refuses every hostile .docx with 400 or 413, stores nothing, stays small and answers others under 1 s', async () => {
    const before = await documentCount();
    const report: string[] = [];
    for (const [what, build] of HOSTILE) {
      const file = build();
      const { outcome, slowestMs } = await whileOthersCall(() => upload('jahat.docx', file));
      const body = (await outcome.json()) as { error: { code: string; message: string } };
      report.push(
        `${what} (${Math.round(file.length / 1024)} KB): ${outcome.status} ${body.error?.message}; ` +
          `slowest /healthz ${Math.round(slowestMs)} ms; memory ${JSON.stringify(memoryMb())} MB`,
      );
      expect({ what, refused: [400, 413].includes(outcome.status) }).toEqual({
        what,
        refused: true,
      });
      expect(body.error.message).toMatch(/berkas|naskah|pasal|docx|zip64|paragraf/i);
      expect(slowestMs).toBeLessThan(1000);
    }
    console.log(report.join('\n'));
    expect(server.child.exitCode).toBeNull();
    expect(await documentCount()).toBe(before);
    expect(memoryMb().peak).toBeLessThan(MEMORY_BOUND_MB);
  }, 300_000);

  it('exports a 490,000-character unbroken word as PDF and DOCX while others stay under 1 s', async () => {
    const created = await call<{ id: string }>('POST', '/api/documents', {
      token: seeded.adminToken,
      body: {
        title: 'Kata panjang',
        parties: ['PIHAK-A', 'PIHAK-B'],
        reviewers: ['BIRO-HUKUM'],
        text: `NOTA KESEPAKATAN\nPasal 1\nUmum\n${'a'.repeat(490_000)}`,
      },
    });
    expect(created.status).toBe(201);
    const revision = await call('POST', `/api/documents/${created.body.id}/revisions`, {
      token: seeded.drafterTokens[0],
      body: {},
    });
    expect(revision.status).toBe(201);
    const report: string[] = [];
    for (const format of ['pdf', 'docx']) {
      const { outcome, slowestMs } = await whileOthersCall(async () => {
        const started = performance.now();
        const res = await fetch(`${server.url}/api/documents/${created.body.id}/export.${format}`, {
          headers: { authorization: `Bearer ${seeded.adminToken}` },
        });
        const bytes = (await res.arrayBuffer()).byteLength;
        return { status: res.status, bytes, ms: performance.now() - started };
      });
      report.push(
        `export.${format}: ${outcome.status}, ${outcome.bytes} bytes in ${Math.round(outcome.ms)} ms; ` +
          `slowest /healthz ${Math.round(slowestMs)} ms; memory ${JSON.stringify(memoryMb())} MB`,
      );
      expect(outcome.status).toBe(200);
      expect(slowestMs).toBeLessThan(1000);
    }
    console.log(report.join('\n'));
    expect(memoryMb().peak).toBeLessThan(MEMORY_BOUND_MB);
  }, 300_000);
});
