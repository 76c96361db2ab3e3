import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { migrate, openDb, type Db } from './db';
import { createLogger, type Logger } from './log';
import { createMetrics } from './metrics';
import { createApp } from './http/app';
import type { AppContext } from './http/context';
import { bootstrapAdmin } from './accounts/accounts';
import { seedDemo } from './seed/demo';
import { localEventHub, type EventHub } from './events/hub';
import { openBus, type Bus } from './events/bus';
import { redisEventHub } from './events/redisHub';
import { redisRelay } from './collab/relay';
import { createCollab, type Collab } from './collab/collab';
import type { Limits } from './collab/protocol';
import { startMailer, type Mailer } from './mail/mailer';

/** A running Selaras instance. */
export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  ctx: AppContext;
  /** The live collaboration server (rooms, socket endpoint, update storage). */
  collab: Collab;
  /** The mail worker, with SMTP_URL set. */
  mail?: Mailer;
  /** Stops accepting, closes sockets, flushes pending work and closes the database. */
  close(): Promise<void>;
}

/** How long an idle kept-alive connection stays open: longer than a proxy's usual 60 s. */
const KEEP_ALIVE_MS = 65_000;

/** Opens the database, migrates, seeds, and serves HTTP; used by `main.ts` and the tests. */
export async function startServer(
  config: Config,
  options: {
    db?: Db;
    log?: Logger;
    onSeeded?: (logins: { email: string; password: string; role: string }[]) => void;
    /** Overrides of the collaboration limits (tests use small ones). */
    collabLimits?: Partial<Limits>;
    /** False: skip compiling the first open's paths at start (tests that start many servers). */
    warmUp?: boolean;
  } = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = options.db ?? (await openDb(config));
  await migrate(db);
  // The demo seeds only an empty database, so it goes before the admin account is bootstrapped.
  if (config.seedDemo) {
    const logins = await seedDemo(db);
    if (logins) options.onSeeded?.(logins);
  }
  if (config.admin && (await bootstrapAdmin(db, config.admin)))
    log.info({ email: config.admin.email }, 'admin account created');
  const metrics = createMetrics();
  // With REDIS_URL, instances share live documents and events; without it Redis is never touched.
  const bus: Bus | undefined = config.redisUrl
    ? await openBus({ url: config.redisUrl, prefix: config.redisPrefix, log })
    : undefined;
  const events: EventHub & { close?(): void } = bus
    ? await redisEventHub(bus, log)
    : localEventHub();
  const relay = bus ? redisRelay(bus, { log }) : undefined;
  const collab = createCollab({ db, log, metrics, events, relay, limits: options.collabLimits });
  const ctx: AppContext = {
    config,
    db,
    log,
    metrics,
    texts: collab.texts,
    events,
    redisReady: bus && (() => bus.ready()),
  };
  const app = createApp(ctx);
  const server = http.createServer(app);
  // An idle kept-alive connection is closed by the client (or a proxy in front, often after
  // 60 s), never by us: otherwise a request already sent on it as we close it fails with
  // ECONNRESET (seen in a test whose event loop was busy past Node's default of 5 s).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  server.on('upgrade', collab.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  // After listening: a request arriving meanwhile is served, between the warm-up's rounds.
  if (options.warmUp !== false) void collab.warmUp();
  const mail = config.mail && startMailer({ db, log, config: config.mail });
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    ctx,
    collab,
    mail,
    async close() {
      // Stop accepting first, then close sockets and store what they applied, then the database.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await collab.close();
      await mail?.close();
      server.closeAllConnections();
      await closed;
      events.close?.();
      await bus?.close();
      if (!options.db) await db.close();
    },
  };
}
