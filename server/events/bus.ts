import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';

/**
 * The Redis link of one instance: a publishing connection, a subscribing one, and a liveness
 * key the instance keeps fresh while it runs. Every channel and key carries the configured
 * prefix, so several deployments (or test runs) can share one Redis.
 */
export interface Bus {
  /** This instance's id, carried by every message it publishes so it can skip its own. */
  readonly instanceId: string;
  /** The full name of a channel or key: the prefix followed by `name`. */
  name(name: string): string;
  /** Publishes a message; a failure is logged, never thrown (catch-up repairs what is lost). */
  publish(channel: string, message: Uint8Array): void;
  /** Listens to a channel until the returned function is called; resolves once Redis confirmed. */
  subscribe(channel: string, handler: (message: Buffer) => void): Promise<() => void>;
  /** How many connections (instances) are subscribed to a channel, this one included. */
  subscribers(channel: string): Promise<number>;
  /** Whether the instance with this id is running (its liveness key has not expired). */
  alive(instanceId: string): Promise<boolean>;
  /** Whether both connections to Redis are up right now. */
  ready(): boolean;
  /** Calls `listener` after a connection to Redis was lost and restored (messages may be lost). */
  onReconnect(listener: () => void): () => void;
  /** Stops the heartbeat, drops the liveness key and closes both connections. */
  close(): Promise<void>;
}

/** How the bus is opened. */
export interface BusOptions {
  url: string;
  prefix: string;
  log: Logger;
  /** How long the liveness key lives without renewal; it is renewed at a third of this. */
  livenessMs?: number;
}

const DEFAULT_LIVENESS_MS = 3_000;
// Wait this long after a reconnect before telling listeners, so the subscriber connection's
// automatic re-subscription has reached Redis before anyone asks peers to resend.
const RECONNECT_SETTLE_MS = 100;

/** Connects to Redis and resolves once both connections answer. */
export async function openBus(options: BusOptions): Promise<Bus> {
  const { url, prefix, log } = options;
  const livenessMs = options.livenessMs ?? DEFAULT_LIVENESS_MS;
  const instanceId = randomBytes(8).toString('hex');
  const redisOptions = { connectionName: `selaras-${instanceId}`, lazyConnect: true };
  const pub = new Redis(url, redisOptions);
  const sub = new Redis(url, redisOptions);
  const handlers = new Map<string, Set<(message: Buffer) => void>>();
  const reconnectListeners = new Set<() => void>();
  for (const connection of [pub, sub]) {
    connection.on('error', (error: Error) => log.warn({ err: error.message }, 'redis error'));
  }
  await Promise.all([pub.connect(), sub.connect()]);

  const livenessKey = `${prefix}instance:${instanceId}`;
  const beat = () =>
    pub.set(livenessKey, '1', 'PX', livenessMs).catch((error: Error) => {
      log.warn({ err: error.message }, 'redis liveness key not renewed');
    });
  await beat();
  const heartbeat = setInterval(() => void beat(), Math.max(100, Math.floor(livenessMs / 3)));
  heartbeat.unref();

  let closing = false;
  for (const connection of [pub, sub]) {
    let first = true;
    connection.on('ready', () => {
      if (first) {
        first = false;
        return;
      }
      if (closing) return;
      log.info('redis connection restored; resynchronising open documents');
      setTimeout(() => {
        for (const listener of reconnectListeners) listener();
      }, RECONNECT_SETTLE_MS).unref();
    });
  }
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const listeners = handlers.get(channel.toString());
    if (!listeners) return;
    for (const handler of listeners) handler(message);
  });

  return {
    instanceId,
    name: (name) => `${prefix}${name}`,
    ready: () => pub.status === 'ready' && sub.status === 'ready',
    publish(channel, message) {
      pub.publish(channel, Buffer.from(message)).catch((error: Error) => {
        log.warn({ err: error.message, channel }, 'redis publish failed');
      });
    },
    async subscribe(channel, handler) {
      let listeners = handlers.get(channel);
      const first = !listeners;
      if (!listeners) {
        listeners = new Set();
        handlers.set(channel, listeners);
      }
      listeners.add(handler);
      if (first) await sub.subscribe(channel);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const current = handlers.get(channel);
        current?.delete(handler);
        if (current && current.size === 0) {
          handlers.delete(channel);
          if (!closing) sub.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async subscribers(channel) {
      const reply = (await pub.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
      return Number(reply[1] ?? 0);
    },
    async alive(id) {
      return (await pub.exists(`${prefix}instance:${id}`)) === 1;
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      await pub.del(livenessKey).catch(() => undefined);
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
