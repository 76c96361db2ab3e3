import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config';

/** One message as the transport sends it. */
export interface Envelope {
  to: string;
  subject: string;
  text: string;
  /** Stable across retries, so a receiving server can drop a copy it already has. */
  messageId: string;
}

/** Something that delivers messages; SMTP in production, the same SMTP in tests. */
export interface MailTransport {
  send(envelope: Envelope): Promise<void>;
  close(): void;
}

// Bounded waits: a sender holds a message's claim only this long (see CLAIM_MS in mailer.ts).
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** An SMTP transport for `SMTP_URL` (smtp:// or smtps://, with optional user:password). */
export function smtpTransport(config: MailConfig): MailTransport {
  const transporter = createTransport({ url: config.smtpUrl, ...TIMEOUTS });
  return {
    async send(e) {
      await transporter.sendMail({
        from: config.from,
        to: e.to,
        subject: e.subject,
        text: e.text,
        messageId: e.messageId,
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * A failure as it may be stored and logged: its code and message with the SMTP password (plain or
 * URL-encoded) blanked out, in case a library quoted the URL.
 */
export function describeFailure(error: unknown, smtpUrl: string): string {
  const e = error as { code?: unknown; message?: unknown };
  let text = [e?.code, e?.message ?? String(error)].filter(Boolean).join(': ');
  let password = '';
  try {
    password = new URL(smtpUrl).password;
  } catch {
    // An unparsable URL was refused by the configuration already; nothing to blank.
  }
  for (const secret of new Set([password, safeDecode(password)]))
    if (secret) text = text.split(secret).join('***');
  return text.slice(0, 500);
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
