import { z } from 'zod';
import { passwordProblem } from '../shared/passwordPolicy';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_EMAIL: optionalText,
  // A weak admin password refuses the start: the account it creates can do everything.
  ADMIN_PASSWORD: optionalText.superRefine((value, ctx) => {
    const problem = value === undefined ? undefined : passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  SEED_DEMO: flag.optional(),
  REDIS_URL: optionalText,
  REDIS_PREFIX: z.string().min(1).default('selaras:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_BURST: z.coerce.number().int().min(1).default(30),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().positive().default(10),
  SESSION_CHECK_SECONDS: z.coerce.number().positive().max(3600).default(5),
  NODE_ENV: z.string().default('development'),
  // Express's `trust proxy`: whose X-Forwarded-For is believed for the client address.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^[\w.:/, -]+$/, 'a list of addresses, subnets or loopback/linklocal/uniquelocal')
    .default('loopback'),
  // E-mail: without SMTP_URL nothing is mailed (and no outbox row is written).
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'smtp://[user:password@]host:port or smtps://...')
      .optional(),
  ),
  MAIL_FROM: z.string().min(3).default('Selaras <selaras@localhost>'),
  APP_URL: optionalText.pipe(z.url().optional()),
  MAIL_POLL_SECONDS: z.coerce.number().positive().max(3600).default(15),
  MAIL_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
});

/** The validated configuration of one Selaras process. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  admin?: { email: string; password: string };
  seedDemo: boolean;
  redisUrl?: string;
  /** Prefixes every Redis channel and key, so deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  logLevel: string;
  sessionTtlMs: number;
  /** Login attempts per client IP: a burst, refilled per minute; successful logins do not count. */
  loginRateLimit: { burst: number; perMinute: number };
  /** How often open event streams' sessions are checked; a signed-out or expired one is closed. */
  sessionCheckMs: number;
  /** Cookies get the Secure flag in production. */
  secureCookies: boolean;
  /** The proxies whose X-Forwarded-For gives the client address (login limit, logs). */
  trustProxy: string;
  /** E-mail of inbox items; absent without SMTP_URL. The URL may hold a password: never log it. */
  mail?: MailConfig;
}

/** Where and how inbox items are mailed. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** The public address of the web client, for links to a Pasal. */
  appUrl: string;
  /** How often the mailer looks for new inbox items and due messages. */
  pollMs: number;
  /** The first retry delay of a failed message; it doubles per attempt up to an hour. */
  retryMs: number;
  /** The hour (WIB, UTC+7) after which a daily digest goes out. */
  digestHour: number;
}

/** Reads the configuration from environment variables; the only reader of `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD }
        : undefined,
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    loginRateLimit: { burst: e.LOGIN_RATE_BURST, perMinute: e.LOGIN_RATE_PER_MINUTE },
    sessionCheckMs: e.SESSION_CHECK_SECONDS * 1000,
    secureCookies: e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    mail: e.SMTP_URL
      ? {
          smtpUrl: e.SMTP_URL,
          from: e.MAIL_FROM,
          appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
          pollMs: e.MAIL_POLL_SECONDS * 1000,
          retryMs: e.MAIL_RETRY_SECONDS * 1000,
          digestHour: e.MAIL_DIGEST_HOUR,
        }
      : undefined,
  };
}
