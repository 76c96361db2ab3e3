import { startTestServer, type TestServer } from '../support/server';
import { apiClient, draftDocument, makeCast, makeUser, type Cast } from '../support/factories';
import { waitFor } from '../collab/clients';
import { startMailer } from '../../server/mail/mailer';
import { createLogger } from '../../server/log';
import { startSmtp, type TestSmtp } from './smtp';

const PLAIN = [
  'Pasal 1',
  'Maksud',
  'Nota ini dimaksudkan sebagai pedoman kerja sama.',
  'Pasal 2',
  'Kerahasiaan',
  'Para pihak menjaga kerahasiaan data.',
].join('\n');

const APP_URL = 'https://selaras.uji.go.id';

/** A server mailing through `smtpPort`, with its cast; `env` adds to the mail settings. */
async function mailingServer(smtpPort: number, env: Record<string, string> = {}) {
  const server = await startTestServer({
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Selaras <noreply@selaras.uji.go.id>',
    APP_URL,
    MAIL_POLL_SECONDS: '0.1',
    MAIL_RETRY_SECONDS: '0.1',
    ...env,
  });
  return { server, call: apiClient(server.url), cast: await makeCast(server.db) };
}

const to = (smtp: TestSmtp, email: string, subject?: string) =>
  smtp.received.filter(
    (m) => m.to.includes(email) && (subject === undefined || m.subject.includes(subject)),
  );

describe('e-mail of inbox items', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let call: ReturnType<typeof apiClient>;
  let cast: Cast;
  beforeAll(async () => {
    smtp = await startSmtp();
    ({ server, call, cast } = await mailingServer(smtp.port));
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  it('mails a new mention to each member of the agency once, in Bahasa Indonesia, linking to the Pasal', async () => {
    const { id, clauses } = await draftDocument(call, cast, {
      title: 'Kerja Sama Data',
      text: PLAIN,
    });
    const colleague = await makeUser(server.db, 'reviewer', cast.inspectorate.code);
    const created = await call('POST', `/api/documents/${id}/comments`, {
      token: cast.headA.token,
      body: { clauseId: clauses[1].id, body: `Mohon @${cast.inspectorate.code} menelaah.` },
    });
    expect(created.status).toBe(201);

    await waitFor(
      () => to(smtp, cast.reviewer.email, 'disebut').length === 1,
      'the mention mail to the reviewer',
    );
    await waitFor(() => to(smtp, colleague.email, 'disebut').length === 1, 'the colleague mail');
    const [mail] = to(smtp, cast.reviewer.email, 'disebut');
    expect(mail.from).toBe('noreply@selaras.uji.go.id');
    expect(mail.subject).toBe('[Selaras] Instansi Anda disebut: Kerja Sama Data');
    expect(mail.text).toContain(`Yth. ${cast.reviewer.name},`);
    expect(mail.text).toContain(
      `${cast.inspectorate.name} disebut dalam komentar pada Pasal baru naskah “Kerja Sama Data”.`,
    );
    expect(mail.text).toContain(`> Mohon @${cast.inspectorate.code} menelaah.`);
    expect(mail.text).toContain(`Buka: ${APP_URL}/documents/${id}?pasal=${clauses[1].id}`);
    expect(mail.messageId).toMatch(/^<outbox-\d+@selaras>$/);
    // The author and agencies not named get nothing about it.
    expect(to(smtp, cast.headA.email, 'disebut')).toHaveLength(0);
    expect(to(smtp, cast.headB.email, 'disebut')).toHaveLength(0);

    // More passes, and a second instance's mailer on the same database, send nothing again.
    const other = startMailer({
      db: server.db,
      log: createLogger('silent'),
      config: server.ctx.config.mail!,
    });
    await Promise.all([other.runOnce(), server.mail!.runOnce(), other.runOnce()]);
    await other.close();
    expect(to(smtp, cast.reviewer.email, 'disebut')).toHaveLength(1);
    expect(to(smtp, colleague.email, 'disebut')).toHaveLength(1);
  });

  it('mails paraf needed once per revision, and the stale paraf with the Pasal that changed', async () => {
    const { id, clauses } = await draftDocument(call, cast, { title: 'Naskah Paraf', text: PLAIN });
    await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
    await waitFor(
      () => to(smtp, cast.reviewer.email, 'Paraf diperlukan: Naskah Paraf').length === 1,
      'the paraf mail',
    );
    expect(to(smtp, cast.reviewer.email, 'Naskah Paraf')[0].text).toContain(
      `Revisi 1 naskah “Naskah Paraf” menunggu paraf koordinasi ${cast.inspectorate.name}.`,
    );
    await call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
      token: cast.reviewer.token,
      body: { decision: 'approve' },
    });
    const proposal = await call<{ id: string }>('POST', `/api/documents/${id}/comments`, {
      token: cast.headB.token,
      body: { clauseId: clauses[1].id, body: 'Usul.', proposal: { text: 'Kerahasiaan dijaga.' } },
    });
    await waitFor(
      () => to(smtp, cast.drafter.email, 'Usulan redaksi menunggu: Naskah Paraf').length === 1,
      'the proposal mail to the drafter',
    );
    await call('POST', `/api/documents/${id}/comments/${proposal.body.id}/accept`, {
      token: cast.drafter.token,
    });
    await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
    await waitFor(
      () => to(smtp, cast.reviewer.email, 'Paraf diperlukan: Naskah Paraf').length === 2,
      'the stale paraf mail',
    );
    const stale = to(smtp, cast.reviewer.email, 'Paraf diperlukan: Naskah Paraf')[1];
    expect(stale.text).toContain(
      `Paraf ${cast.inspectorate.name} atas naskah “Naskah Paraf” tidak berlaku lagi karena Pasal 2 berubah; revisi 2 menunggu paraf ulang.`,
    );
    expect(stale.text).toContain(`${APP_URL}/documents/${id}?pasal=${clauses[1].id}`);
  });
});

describe('e-mail while the SMTP server is down', () => {
  it('keeps the message in the outbox, retries it once the server is back, and sends it once', async () => {
    // Find a free port, then leave it closed: the SMTP server is down.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const password = 'rahasia-smtp-9f3k';
    const { server, call, cast } = await mailingServer(port, {
      SMTP_URL: `smtp://selaras:${password}@127.0.0.1:${port}`,
    });
    let smtp: TestSmtp | undefined;
    try {
      const { id } = await draftDocument(call, cast, { title: 'Naskah Tertunda', text: PLAIN });
      // The request that creates the item does not wait for the mail.
      const started = Date.now();
      const cut = await call('POST', `/api/documents/${id}/revisions`, {
        token: cast.drafter.token,
        body: {},
      });
      expect(cut.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);

      const row = async () =>
        (
          await server.db.query<{
            attempts: number;
            last_error: string | null;
            sent_at: Date | null;
          }>(
            `SELECT attempts, last_error, sent_at FROM outbox WHERE to_address = $1 AND subject LIKE $2`,
            [cast.reviewer.email, '%Naskah Tertunda%'],
          )
        ).rows[0];
      await waitFor(async () => ((await row())?.attempts ?? 0) >= 2, 'two failed attempts', 15_000);
      const failed = await row();
      expect(failed.sent_at).toBeNull();
      expect(failed.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(failed.last_error).not.toContain(password);

      // A mailer logging at trace writes the failure without the password.
      const lines: string[] = [];
      const spy = startMailer({
        db: server.db,
        log: createLogger('trace', { write: (line: string) => void lines.push(line) }),
        config: { ...server.ctx.config.mail!, pollMs: 3_600_000 },
      });
      await waitFor(
        async () => {
          await spy.runOnce();
          return lines.some((l) => l.includes('mail not sent'));
        },
        'a logged failure',
        15_000,
      );
      await spy.close();
      expect(lines.join('')).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(lines.join('')).not.toContain(password);

      smtp = await startSmtp(port);
      await waitFor(
        () => to(smtp!, cast.reviewer.email, 'Naskah Tertunda').length === 1,
        'the retried mail',
        15_000,
      );
      expect(smtp.logins).toContain(`selaras:${password}`);
      await waitFor(async () => (await row()).sent_at !== null, 'the outbox row marked sent');
      await server.mail!.runOnce();
      await server.mail!.runOnce();
      expect(to(smtp, cast.reviewer.email, 'Naskah Tertunda')).toHaveLength(1);
    } finally {
      await server.stop();
      await smtp?.close();
    }
  });
});

describe('the daily digest', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let call: ReturnType<typeof apiClient>;
  let cast: Cast;
  beforeAll(async () => {
    smtp = await startSmtp();
    // The loop waits an hour between passes: this test drives the passes and their clock.
    ({ server, call, cast } = await mailingServer(smtp.port, {
      MAIL_POLL_SECONDS: '3600',
      MAIL_DIGEST_HOUR: '7',
    }));
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  it('gathers a user’s new items into one message a day after the digest hour (WIB)', async () => {
    const put = await call('PUT', '/api/me/settings', {
      token: cast.reviewer.token,
      body: { mailMode: 'daily' },
    });
    expect(put.status).toBe(200);
    const { id, clauses } = await draftDocument(call, cast, {
      title: 'Naskah Harian',
      text: PLAIN,
    });
    await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
    await call('POST', `/api/documents/${id}/comments`, {
      token: cast.headA.token,
      body: { clauseId: clauses[0].id, body: `@${cast.inspectorate.code} mohon dicek.` },
    });

    // 05:00 WIB on 2 January: before the digest hour, nothing goes to the reviewer.
    await server.mail!.runOnce(new Date('2030-01-01T22:00:00Z'));
    expect(to(smtp, cast.reviewer.email)).toHaveLength(0);
    // Users who chose immediate mail got theirs.
    expect(to(smtp, cast.headB.email, 'Paraf diperlukan')).toHaveLength(1);

    // 08:00 WIB: one digest with both items.
    await server.mail!.runOnce(new Date('2030-01-02T01:00:00Z'));
    const digests = to(smtp, cast.reviewer.email);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('[Selaras] Ringkasan harian: 2 hal menunggu Anda');
    expect(digests[0].text).toContain('Revisi 1 naskah “Naskah Harian” menunggu paraf koordinasi');
    expect(digests[0].text).toContain(`disebut dalam komentar pada Pasal 1 naskah “Naskah Harian”`);
    expect(digests[0].text).toContain(`${APP_URL}/documents/${id}?pasal=${clauses[0].id}`);

    // A new item the same day waits for the next day's digest.
    await call('POST', `/api/documents/${id}/comments`, {
      token: cast.headB.token,
      body: { clauseId: clauses[1].id, body: `Juga @${cast.inspectorate.code}.` },
    });
    await server.mail!.runOnce(new Date('2030-01-02T09:00:00Z'));
    expect(to(smtp, cast.reviewer.email)).toHaveLength(1);
    await server.mail!.runOnce(new Date('2030-01-03T01:00:00Z'));
    const next = to(smtp, cast.reviewer.email);
    expect(next).toHaveLength(2);
    expect(next[1].subject).toBe('[Selaras] Ringkasan harian: 1 hal menunggu Anda');
    expect(next[1].text).toContain('Pasal 2');
  });
});
