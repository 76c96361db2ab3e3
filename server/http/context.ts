import type { Config } from '../config';
import type { Db } from '../db';
import type { TextAccess } from '../documents/access';
import type { EventHub } from '../events/hub';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';

/** Everything the HTTP routes need, wired once in `main.ts`. */
export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  metrics: Metrics;
  texts: TextAccess;
  events: EventHub;
  /** With REDIS_URL: whether this instance reaches Redis (reported by /healthz). */
  redisReady?: () => boolean;
}
