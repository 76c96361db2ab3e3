import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of one Selaras process, in a registry of its own. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    openDocuments: new Gauge({
      name: 'selaras_open_documents',
      help: 'Documents loaded in memory',
      registers: [registry],
    }),
    connections: new Gauge({
      name: 'selaras_connections',
      help: 'Open collaboration sockets',
      registers: [registry],
    }),
    appliedUpdates: new Counter({
      name: 'selaras_applied_updates_total',
      help: 'Document updates applied from clients and the server',
      registers: [registry],
    }),
    storedUpdates: new Counter({
      name: 'selaras_stored_updates_total',
      help: 'Document updates written to the database',
      registers: [registry],
    }),
    rejectedUpdates: new Counter({
      name: 'selaras_rejected_updates_total',
      help: 'Document updates refused (read-only role or final document)',
      registers: [registry],
    }),
    persistenceLatency: new Histogram({
      name: 'selaras_persistence_latency_seconds',
      help: 'Time from applying an update to having it stored',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** The metrics handle passed around the server. */
export type Metrics = ReturnType<typeof createMetrics>;
