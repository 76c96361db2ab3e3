/**
 * Regenerates docs/screenshots/demo-{draft,final}-{pdf,docx}-*.png: the demo naskah exported as a
 * draft and as a final document, through the real server and API, rendered at 70 dpi (the PDF
 * with pdftoppm, the DOCX as LibreOffice lays it out). Needs `pdftoppm` and `soffice`.
 * Run with `npx tsx scripts/render-demo-exports.ts` (TEST_DATABASE_URL for PostgreSQL, else PGlite).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login } from '../server/accounts/accounts';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/log';
import { startServer } from '../server/server';
import { createTestDb } from '../test/support/db';

const OUT = path.join(__dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'selaras-demo-'));
  const testDb = await createTestDb();
  let logins: { email: string; password: string; role: string }[] = [];
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '1', LOG_LEVEL: 'silent' });
  const server = await startServer(config, {
    db: testDb.db,
    log: createLogger('silent'),
    onSeeded: (l) => (logins = l),
  });
  try {
    const token = async (email: string) => {
      const l = logins.find((x) => x.email === email)!;
      return (await login(testDb.db, l.email, l.password, 3_600_000)).token;
    };
    const call = async (method: string, url: string, who: string, body?: unknown) => {
      const res = await fetch(server.url + url, {
        method,
        headers: {
          authorization: `Bearer ${await token(who)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res;
    };
    const drafter = 'perancang@selaras.test';
    const [doc] = (await (await call('GET', '/api/documents', drafter)).json()) as { id: string }[];
    await call('POST', `/api/documents/${doc.id}/revisions`, drafter, { label: 'Putaran paraf' });
    const reviewers = logins.filter((l) => l.role === 'reviewer').map((l) => l.email);
    // Half of the agencies have initialled the draft.
    for (const email of reviewers.slice(0, 5))
      await call('POST', `/api/documents/${doc.id}/revisions/1/signoffs`, email, {
        decision: 'approve',
      });
    await save(work, 'demo-draft', call, doc.id, drafter);
    for (const email of reviewers.slice(5))
      await call('POST', `/api/documents/${doc.id}/revisions/1/signoffs`, email, {
        decision: 'approve',
      });
    for (const head of ['kepala.ombudsman@selaras.test', 'gubernur@selaras.test']) {
      await call('POST', `/api/documents/${doc.id}/revisions/1/signoffs`, head, {
        decision: 'approve',
      });
    }
    for (const head of ['kepala.ombudsman@selaras.test', 'gubernur@selaras.test'])
      await call('POST', `/api/documents/${doc.id}/approve`, head, { revision: 1 });
    await save(work, 'demo-final', call, doc.id, drafter);
  } finally {
    await server.close();
    await testDb.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

type Call = (method: string, url: string, who: string, body?: unknown) => Promise<Response>;

async function save(work: string, name: string, call: Call, id: string, who: string) {
  for (const format of ['pdf', 'docx'] as const) {
    const file = path.join(work, `${name}.${format}`);
    const res = await call('GET', `/api/documents/${id}/export.${format}`, who);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    let pdf = file;
    if (format === 'docx') {
      // LibreOffice lays the DOCX out as a word processor does and prints it to PDF.
      const dir = path.join(work, `${name}-docx`);
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        stdio: 'ignore',
      });
      pdf = path.join(dir, `${name}.pdf`);
    }
    const prefix = path.join(work, `${name}-${format}`);
    execFileSync('pdftoppm', ['-r', '70', '-png', pdf, prefix]);
    mkdirSync(OUT, { recursive: true });
    for (const png of readdirSync(work).filter((f) => f.startsWith(`${name}-${format}-`))) {
      const page = Number(/-(\d+)\.png$/.exec(png)![1]);
      renameSync(path.join(work, png), path.join(OUT, `${name}-${format}-${page}.png`));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
