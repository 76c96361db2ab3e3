import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { apiClient, type ApiClient } from '../support/factories';
import { createTestDb, type TestDb } from '../support/db';
import { connectClient, waitFor } from '../collab/clients';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/server';
import { isNumberedKind, stripLabel } from '../../shared/numbering';
import { FRAGMENT_NAME } from '../../shared/schema';

// A database written by the version before the legal structure and the whole naskah (commit
// 7990694; how it was made: test/fixtures/legacy-7990694/README.md). This version migrates
// it at start and turns each document's typed numbers into ayat and list items when its room
// first loads. Everything the old server answered must read the same afterwards.

const FIXTURE = path.join(__dirname, '../fixtures/legacy-7990694');
const ADMIN = { email: 'pemeriksa@selaras.test', password: 'Pemeriksa-Migrasi-2026!' };

interface Revision {
  number: number;
  label: string | null;
  createdAt: string;
  createdBy: unknown;
  clauses: { id: string; number: number; heading: string; text: string }[];
}
interface DiffEntry {
  clauseId: string;
  change: string;
  before: unknown;
  after: unknown;
  moved?: boolean;
  hunks: { op: string; text: string }[];
}
interface Signoff {
  agency: { code: string };
  status: string;
  revision: number | null;
  by: unknown;
  at: string | null;
  note: string | null;
  changedClauses: string[];
}
interface AuditEvent {
  seq: number;
  kind: string;
  hash: string;
  data: { kinds?: string[] };
}
/** A diff entry without its unchanged words, which now leave the numbers out. */
const comparable = ({ hunks, ...entry }: DiffEntry) => ({
  ...entry,
  changed: hunks.filter((h) => h.op !== 'equal'),
});

/** Text without the number at the start of each line. */
const numberFree = (text: string) => text.split('\n').map(stripLabel).join('\n');

/** What the old server answered for one document, recorded by make.ts. */
interface LegacyDocument {
  document: {
    id: string;
    title: string;
    status: string;
    finalRevision?: number;
    finalHash?: string;
  };
  clauses: Revision['clauses'];
  revisions: Revision[];
  diffs: { from: number; to: number; clauses: DiffEntry[] }[];
  signoffs: Signoff[];
  concerns: Record<string, unknown>;
  comments: unknown[];
  audit: AuditEvent[];
  auditVerify: { ok: boolean; events: number };
}

const legacy: LegacyDocument[] = JSON.parse(
  readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8'),
);
const WHOLE_NASKAH_PARTS = new Set(['pembukaan', 'penutup']);

let testDb: TestDb;
let server: RunningServer;
let call: ApiClient;
let token: string;

beforeAll(async () => {
  testDb = await createTestDb({ sql: readFileSync(path.join(FIXTURE, 'database.sql'), 'utf8') });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  server = await startServer(config, { db: testDb.db, log: createLogger('silent') });
  call = apiClient(server.url);
  const login = await call<{ token: string }>('POST', '/api/auth/login', { body: ADMIN });
  expect(login.status).toBe(200);
  token = login.body.token;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await testDb?.drop();
});

/** Closes a client and waits until its document's room has left memory, everything stored. */
async function leave(client: { destroy(): void }, documentId: string) {
  client.destroy();
  await server.collab.flush();
  await waitFor(() => !server.collab.rooms.peek(documentId), 'the room unloaded', 30_000);
}

async function get<T>(url: string): Promise<T> {
  const res = await call<T>('GET', url, { token });
  if (res.status !== 200)
    throw new Error(`GET ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Everything the old server could answer for a document, read from this one. */
async function readDocument(old: LegacyDocument) {
  const base = `/api/documents/${old.document.id}`;
  const revisions = await get<Revision[]>(`${base}/revisions`);
  return {
    document: await get<LegacyDocument['document']>(base),
    clauses: await get<Revision['clauses']>(`${base}/clauses`),
    revisions,
    each: await Promise.all(revisions.map((r) => get<Revision>(`${base}/revisions/${r.number}`))),
    diffs: await Promise.all(
      revisions.map((r) =>
        get<LegacyDocument['diffs'][number]>(`${base}/revisions/${r.number}/diff`),
      ),
    ),
    signoffs: await get<Signoff[]>(`${base}/signoffs`),
    concerns: await get<Record<string, unknown>>(`${base}/concerns`),
    comments: await get<unknown[]>(`${base}/comments`),
    audit: await get<AuditEvent[]>(`${base}/audit`),
    verify: await get<{ ok: boolean; events: number }>(`${base}/audit/verify`),
    text: await get<string>(`${base}/text`),
    revisionTexts: await Promise.all(
      revisions.map((r) => get<string>(`${base}/revisions/${r.number}/text`)),
    ),
  };
}

/** Checks that this server reads a document as the old one did. */
function expectAsBefore(now: Awaited<ReturnType<typeof readDocument>>, old: LegacyDocument) {
  expect(now.document).toMatchObject(old.document);
  expect(now.clauses).toEqual(old.clauses);
  const frozen = ({ number, label, createdAt, createdBy, clauses }: Revision) => ({
    number,
    label,
    createdAt,
    createdBy,
    clauses,
  });
  expect(now.revisions.map(frozen)).toEqual(old.revisions.map(frozen));
  expect(now.each.map(frozen)).toEqual(old.revisions.map(frozen));
  // The whole naskah adds the pembukaan and penutup entries; every Pasal entry is as it was,
  // its hunks now over the number-free text (CONTRACT.md, "Legal structure"): the same words
  // inserted and deleted, and the hunks still give the text without its numbers.
  now.diffs.forEach((diff, i) => {
    const pasal = diff.clauses.filter((c) => !WHOLE_NASKAH_PARTS.has(c.clauseId));
    expect({ from: diff.from, to: diff.to }).toEqual({
      from: old.diffs[i].from,
      to: old.diffs[i].to,
    });
    expect(pasal.map(comparable)).toEqual(old.diffs[i].clauses.map(comparable));
    for (const entry of pasal) {
      const after = entry.after as { heading: string; text: string } | null;
      if (entry.change !== 'modified' || !after) continue;
      const kept = entry.hunks.filter((h) => h.op !== 'delete').map((h) => h.text);
      expect(kept.join('')).toBe(numberFree(`${after.heading}\n${after.text}`));
    }
  });
  expect(now.signoffs).toEqual(old.signoffs.map((s) => expect.objectContaining(s)));
  expect(now.concerns).toEqual(old.concerns);
  expect(now.comments).toEqual(old.comments.map((c) => expect.objectContaining(c as object)));
  // The old chain is kept event for event, and still verifies with what came after it.
  expect(now.audit.slice(0, old.audit.length)).toEqual(old.audit);
  expect(now.verify).toEqual({ ok: true, events: now.audit.length });
}

/** The path of element names down to each numbered element of the live text, in order. */
function numberedBlocks(doc: Y.Doc): string[] {
  const paths: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment, path: string) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const at = path ? `${path}/${child.nodeName}` : child.nodeName;
      if (isNumberedKind(child.nodeName)) paths.push(at);
      walk(child, at);
    }
  };
  walk(doc.getXmlFragment(FRAGMENT_NAME), '');
  return paths;
}

test('the fixture holds the demo document, a final one and one with nested typed lists', () => {
  expect(legacy.map((d) => [d.document.status, d.revisions.length])).toEqual([
    ['drafting', 2],
    ['drafting', 1],
    ['final', 1],
  ]);
  expect(legacy[0].signoffs.map((s) => s.status)).toEqual(
    expect.arrayContaining(['stale', 'approved', 'pending']),
  );
});

describe.each(legacy.map((d) => [d.document.title, d] as const))('%s', (_title, old) => {
  let before: Awaited<ReturnType<typeof readDocument>>;

  test('reads as the old server answered it, after the migrations', async () => {
    before = await readDocument(old);
    expectAsBefore(before, old);
    // The hash the heads approved stays as recorded. 7990694 took it over the canonical JSON of
    // the clauses, so for this document it is not the SHA-256 of today's printed text.
    if (old.document.finalHash) expect(before.document.finalHash).toBe(old.document.finalHash);
  }, 60_000);

  test('its first load turns typed numbers into ayat and items; every answer stays the same', async () => {
    const client = await connectClient(server, old.document.id, token);
    if (old.document.status === 'final') {
      // A final naskah is locked: its room repairs nothing, so its live text keeps the
      // numbers as typed, and its printed text (and so its final hash) is the same either way.
      expect(numberedBlocks(client.doc)).toEqual([]);
      await leave(client, old.document.id);
      const after = await readDocument(old);
      expect(after.text).toBe(before.text);
      expectAsBefore(after, old);
      expect(after.audit).toEqual(before.audit);
      return;
    }
    await waitFor(
      () => numberedBlocks(client.doc).includes('clause/ayat'),
      'ayat in the live text',
      15_000,
    );
    const blocks = numberedBlocks(client.doc);
    await leave(client, old.document.id);

    // Each line the old text typed "(n)" at the start of is an ayat now, each "a." under one a huruf.
    const typed = (pattern: RegExp) =>
      old.clauses.flatMap((c) => c.text.split('\n')).filter((line) => pattern.test(line)).length;
    expect(blocks.filter((b) => b === 'clause/ayat')).toHaveLength(typed(/^\(\d+\) /));
    expect(blocks.filter((b) => b.startsWith('clause/') && b.endsWith('/huruf'))).toHaveLength(
      typed(/^[a-z]\. /),
    );
    expect(blocks.filter((b) => b.endsWith('/angka'))).toHaveLength(typed(/^\d+\. /));
    // The pembukaan's typed considerations ("a. bahwa ...") are items of their own.
    const pembukaan = before.text.slice(0, before.text.indexOf('\nPasal 1\n')).split('\n');
    const considerations = pembukaan.filter((line) => /^([a-z]|\d+)\. /.test(line));
    expect(considerations.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => !b.includes('/'))).toHaveLength(considerations.length);

    const after = await readDocument(old);
    expect(after.text).toBe(before.text);
    expect(after.revisionTexts).toEqual(before.revisionTexts);
    expect(after.diffs).toEqual(before.diffs);
    expect(after.signoffs).toEqual(before.signoffs);
    expectAsBefore(after, old);
    const repairs = after.audit.slice(before.audit.length);
    expect(repairs.map((e) => [e.kind, e.data.kinds])).toEqual([
      ['text.repaired', ['typed-numbers']],
    ]);
  }, 120_000);

  test('a second load finds nothing more to convert', async () => {
    const first = await connectClient(server, old.document.id, token);
    const state = Y.encodeStateVector(first.doc);
    const audit = await get<AuditEvent[]>(`/api/documents/${old.document.id}/audit`);
    await leave(first, old.document.id);
    const again = await connectClient(server, old.document.id, token);
    expect(Y.encodeStateVector(again.doc)).toEqual(state);
    await leave(again, old.document.id);
    expect(await get<AuditEvent[]>(`/api/documents/${old.document.id}/audit`)).toEqual(audit);
  }, 60_000);
});
